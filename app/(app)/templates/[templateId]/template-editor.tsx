"use client";
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { saveVersionAction, type TemplateActionResult } from "../actions";
import { toEditorIssues } from "../issues";
import { useLiveValidation } from "../use-live-validation";
import { ValidationPanel } from "../validation-panel";
import { YamlEditor, type YamlEditorHandle } from "../yaml-editor";

/** The editor of a template's latest version, with live validation and "Save as new version" (optimistic check). */
export function TemplateEditor({
  templateId,
  content: initial,
  baseVersion,
  canWrite,
}: {
  templateId: string;
  content: string;
  baseVersion: number;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [content, setContent] = useState(initial);
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<TemplateActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const live = useLiveValidation(content);
  const editor = useRef<YamlEditorHandle>(null);
  const issues = toEditorIssues(live.result) ?? toEditorIssues(result?.validation);
  const dirty = content !== initial;

  const save = () =>
    startTransition(async () => {
      const r = await saveVersionAction({ template_id: templateId, content, message, base_version: baseVersion });
      setResult(r);
    });

  return (
    <div className="grid gap-4">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <YamlEditor
          ref={editor}
          value={content}
          onChange={setContent}
          issues={issues ?? []}
          readOnly={!canWrite}
          label="Collector config YAML"
        />
        <ValidationPanel
          issues={issues}
          pending={live.pending}
          error={live.error}
          onJump={(l, c) => editor.current?.goToLine(l, c)}
        />
      </div>
      {canWrite ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <div className="grid flex-1 gap-2">
            <Label htmlFor="version-message">Version message</Label>
            <Input
              id="version-message"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              maxLength={500}
              placeholder="What changed and why"
            />
          </div>
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
