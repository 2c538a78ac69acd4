"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { VersionMessageField } from "@/app/_components/form-field";
import type { Signal } from "@/lib/transforms/types";
import { createTransformAction, saveTransformVersionAction } from "../actions";
import { RolloutDialog } from "./rollout-dialog";

export type UsedBy = {
  template_id: string;
  template_name: string;
  template_version: number;
  transform_version: number;
  pinned: boolean;
};
export type SavedTransform = { id: string; name: string; signal: Signal; latest_version: number; used_by: UsedBy[] };

type Draft = { name: string; signal: Signal; steps: Record<string, unknown>[] };

/**
 * Create (new transform) or save a new version (optimistic: a stale base version gets the 409 message and a
 * reload), then "Save and roll out" to the templates that use it.
 */
export function SaveBar({
  transform,
  draft,
  dirty,
  blocked,
  onSaved,
}: {
  transform?: SavedTransform;
  draft: Draft;
  dirty: boolean;
  blocked: string | null;
  onSaved: () => void;
}) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [conflict, setConflict] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();

  const create = () =>
    startTransition(async () => {
      const r = await createTransformAction({
        name: draft.name,
        signal: draft.signal,
        steps: draft.steps,
        message: message || null,
      });
      setFieldErrors(r.fieldErrors ?? {});
      if (!r.ok || !r.data) return setError(r.error ?? "Could not create the transform");
      onSaved();
      router.push(`/transforms/${r.data.id}`);
    });

  const save = () =>
    startTransition(async () => {
      const r = await saveTransformVersionAction({
        id: transform!.id,
        steps: draft.steps,
        message: message || null,
        base_version: transform!.latest_version,
      });
      setFieldErrors(r.fieldErrors ?? {});
      if (!r.ok || !r.data) return setError(r.error ?? "Could not save the transform");
      if ("conflict" in r.data) {
        setConflict(r.data.latest_version);
        return setError(`${r.data.conflict}: reload to see their changes`);
      }
      setError(null);
      setMessage("");
      onSaved();
      router.refresh();
    });

  const disabled = pending || !!blocked || (transform ? !dirty : !draft.name);
  return (
    <div className="grid gap-2 rounded-lg border p-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (transform) save();
          else create();
        }}
      >
        <VersionMessageField
          id="transform-message"
          fieldClassName="min-w-64 flex-1"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <Button type="submit" disabled={disabled}>
          {pending ? "Saving…" : transform ? "Save as new version" : "Create transform"}
        </Button>
        {transform && (
          <RolloutDialog
            transform={transform}
            draft={dirty && !blocked ? { steps: draft.steps, message } : null}
            onDone={() => {
              onSaved();
              setMessage("");
              router.refresh();
            }}
          />
        )}
      </form>
      {blocked && dirty && <p className="text-muted-foreground text-xs">{blocked}</p>}
      {fieldErrors.name && (
        <p className="text-destructive text-sm" data-testid="name-error">
          Name: {fieldErrors.name.join("; ")}
        </p>
      )}
      {error && (
        <div
          role="alert"
          className="text-destructive flex flex-wrap items-center gap-3 text-sm"
          data-testid="save-error"
        >
          <span>{error}</span>
          {conflict !== null && (
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => {
                onSaved();
                router.refresh();
              }}
            >
              Reload version {conflict}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
