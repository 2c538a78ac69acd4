"use client";
import { useActionState } from "react";
import { ActionOutcome, InputField, SelectField, SubmitButton } from "@/app/_components/form-field";
import { OneTimeSecret } from "@/app/_components/one-time-secret";
import type { ActionResult } from "@/lib/ui/action";
import { createApiKeyAction } from "./actions";

const ROLES = ["viewer", "operator", "admin", "owner"].map((r) => ({ value: r, label: r }));

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState<ActionResult<{ key: string }>, FormData>(createApiKeyAction, {
    ok: false,
  });
  return (
    <div className="grid gap-4">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <InputField
          id="api-key-name"
          label="Name"
          name="name"
          placeholder="ci"
          required
          className="w-56"
          aria-invalid={!!state.fieldErrors?.name}
        />
        <SelectField id="api-key-role" label="Role" name="role" defaultValue="viewer" options={ROLES} />
        <SubmitButton pending={pending} label="Create API key" busyLabel="Creating…" />
      </form>
      <ActionOutcome state={state}>
        {(created) => (
          <OneTimeSecret
            testId="new-api-key"
            valueTestId="new-api-key-value"
            className="gap-2 p-3"
            message="Copy this key now: it will not be shown again."
            value={created.key}
          />
        )}
      </ActionOutcome>
    </div>
  );
}
