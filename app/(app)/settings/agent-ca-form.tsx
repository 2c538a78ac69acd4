"use client";
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { ErrorLine, Field, SubmitButton } from "@/app/_components/form-field";
import type { ActionResult } from "@/lib/ui/action";
import { createAgentCaAction, deleteAgentCaAction } from "./agent-ca-actions";

const textarea = "border-input min-h-24 w-full rounded-md border bg-transparent p-2 font-mono text-xs";

export function AgentCaForm({ enabled }: { enabled: boolean }) {
  const [state, create, pending] = useActionState<ActionResult<void>, FormData>(createAgentCaAction, { ok: false });
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, startDelete] = useTransition();
  if (enabled) {
    return (
      <div className="grid gap-2">
        <div>
          <Button
            variant="destructive"
            disabled={deleting}
            onClick={() =>
              startDelete(async () => {
                if (!window.confirm("Delete the CA? Every certificate it issued is revoked.")) return;
                const r = await deleteAgentCaAction(true);
                setDeleteError(r.ok ? null : (r.error ?? "Could not delete the CA"));
              })
            }
          >
            {deleting ? "Deleting…" : "Delete CA"}
          </Button>
        </div>
        <ErrorLine error={deleteError} />
      </div>
    );
  }
  return (
    <form action={create} className="grid gap-3">
      <p className="text-sm">
        Leave both fields empty to generate a CA, or paste a CA certificate and its key to import.
      </p>
      <Field id="agent-ca-cert" label="CA certificate (PEM, optional)">
        <textarea id="agent-ca-cert" name="cert_pem" className={textarea} spellCheck={false} />
      </Field>
      <Field id="agent-ca-key" label="CA private key (PEM, optional; stored encrypted, never shown again)">
        <textarea id="agent-ca-key" name="key_pem" className={textarea} spellCheck={false} />
      </Field>
      <div>
        <SubmitButton pending={pending} label="Enable agent CA" busyLabel="Saving…" />
      </div>
      <ErrorLine error={state.error} />
    </form>
  );
}
