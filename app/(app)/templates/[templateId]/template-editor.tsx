"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { VersionMessageField } from "@/app/_components/form-field";
import { Button } from "@/app/_components/ui/button";
import { saveVersionAction, type TemplateActionResult } from "../actions";
import { ValidatedYamlEditor } from "../validated-yaml-editor";
import { useUnsavedGuard } from "@/app/_components/use-unsaved-guard";

/** The editor of a template's latest version, with live validation and "Save as new version" (optimistic check). */
export function TemplateEditor({
  templateId,
  content: saved,
  baseVersion,
  canWrite,
}: {
  templateId: string;
  content: string;
  baseVersion: number;
  canWrite: boolean;
}) {
  const router = useRouter();
  // The editor keeps "\n" line ends; a version saved from a form post has "\r\n" and is no change by itself.
  const initial = saved.replace(/\r\n?/g, "\n");
  const [content, setContent] = useState(initial);
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<TemplateActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const dirty = content !== initial;
  useUnsavedGuard(dirty && canWrite && !pending, "You have unsaved changes to this template. Leave without saving?");

  const save = () =>
    startTransition(async () => {
      const r = await saveVersionAction({ template_id: templateId, content, message, base_version: baseVersion });
      setResult(r);
    });

  return (
    <div className="grid gap-4">
      <ValidatedYamlEditor value={content} onChange={setContent} readOnly={!canWrite} refused={result?.validation} />
      {canWrite ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <VersionMessageField id="version-message" value={message} onChange={(e) => setMessage(e.target.value)} />
          {dirty && (
            <Button type="button" variant="outline" onClick={() => setContent(initial)} disabled={pending}>
              Discard changes
            </Button>
          )}
          <Button type="submit" disabled={pending || !dirty}>
            {pending ? "Saving…" : "Save as new version"}
          </Button>
        </form>
      ) : (
        <p className="text-muted-foreground text-sm">Read-only: saving versions needs the operator role or higher.</p>
      )}
      {result && !result.ok && (
        <div
          role="alert"
          className="text-destructive flex flex-wrap items-center gap-3 text-sm"
          data-testid="save-error"
        >
          <span>{result.error}</span>
          {result.latestVersion !== undefined && (
            <Button type="button" variant="outline" size="sm" onClick={() => router.refresh()}>
              Reload version {result.latestVersion}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
