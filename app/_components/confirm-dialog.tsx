"use client";
import { useState, useTransition, type ReactNode } from "react";
import { Trash2 } from "lucide-react";
import { Button } from "./ui/button";
import { DialogFooter } from "./ui/dialog";
import { DialogFrame } from "./dialog-frame";
import { ErrorLine } from "./form-field";

/** A confirm handler: runs the action and `then` on success; the dialog shows a failure itself. */
export const whenOk =
  <R extends { ok: boolean }>(run: () => Promise<R>, then: () => void) =>
  async () => {
    const r = await run();
    if (r.ok) then();
    return r;
  };

/** The trigger of a page's "Delete" confirm. */
export const DELETE_TRIGGER = (
  <Button variant="outline">
    <Trash2 /> Delete
  </Button>
);

/** What a confirm dialog says: its title, what will happen, and the label of the button that does it. */
export type ConfirmTexts = { title: string; description: ReactNode; confirmLabel: string };

/**
 * A button that asks before doing something irreversible. `onConfirm` returns the action's result: the dialog
 * stays open with the error on failure, and closes on success. A string `trigger` is a small outline button.
 * `children` are the action's own fields, shown above the error; `destructive={false}` for a plain confirm button.
 */
export function ConfirmDialog({
  trigger,
  texts,
  onConfirm,
  destructive = true,
  children,
}: {
  trigger: ReactNode;
  texts: ConfirmTexts;
  onConfirm: () => Promise<{ ok: boolean; error?: string }>;
  destructive?: boolean;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <DialogFrame
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setError(null);
      }}
      trigger={
        typeof trigger === "string" ? (
          <Button variant="outline" size="sm">
            {trigger}
          </Button>
        ) : (
          trigger
        )
      }
      title={texts.title}
      description={texts.description}
    >
      {children}
      <ErrorLine error={error} />
      <DialogFooter>
        <Button variant="outline" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant={destructive ? "destructive" : "default"}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const r = await onConfirm();
              if (r.ok) setOpen(false);
              else setError(r.error ?? "Something went wrong");
            })
          }
        >
          {pending ? "Working…" : texts.confirmLabel}
        </Button>
      </DialogFooter>
    </DialogFrame>
  );
}
