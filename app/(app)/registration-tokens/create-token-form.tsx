"use client";
import { useActionState, useState } from "react";
import { ActionOutcome, InputField, SubmitButton } from "@/app/_components/form-field";
import { OneTimeSecret } from "@/app/_components/one-time-secret";
import { CommandBlock } from "@/app/_components/command-block";
import { dockerComposeCommand, dockerRunCommand } from "@/lib/ui/onboarding-commands";
import type { ActionResult } from "@/lib/ui/action";
import { createRegistrationTokenAction, type CreatedToken } from "./actions";

type Uses = "single" | "limited" | "unlimited";
const USES: { value: Uses; label: string }[] = [
  { value: "single", label: "Single use" },
  { value: "limited", label: "Limited number of uses" },
  { value: "unlimited", label: "Unlimited until expiry (Kubernetes replicas)" },
];

export function CreateTokenForm({ flowgateUrl }: { flowgateUrl: string }) {
  const [state, action, pending] = useActionState<ActionResult<CreatedToken>, FormData>(createRegistrationTokenAction, {
    ok: false,
  });
  const [uses, setUses] = useState<Uses>("single");
  return (
    <div className="grid gap-4">
      {/* React resets the form after a successful action; the radios go back to "Single use", so must the state. */}
      <form action={action} onReset={() => setUses("single")} className="grid gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <InputField
            id="token-name"
            label="Name"
            name="name"
            placeholder="edge gateways"
            required
            maxLength={100}
            className="w-64"
            aria-invalid={!!state.fieldErrors?.name}
          />
          <InputField
            id="token-expiry"
            label="Expires in (days)"
            name="expires_in_days"
            type="number"
            min={1}
            max={3650}
            defaultValue={30}
            required
            className="w-32"
            aria-invalid={!!state.fieldErrors?.expires_in_days}
          />
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Uses</legend>
          {USES.map((u) => (
            <label key={u.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="uses"
                value={u.value}
                checked={uses === u.value}
                onChange={() => setUses(u.value)}
              />
              {u.label}
            </label>
          ))}
          {uses === "limited" && (
            <InputField
              fieldClassName="mt-1 ml-6 w-40"
              id="token-max-uses"
              label="Max uses"
              name="max_uses"
              type="number"
              min={1}
              defaultValue={3}
              required
              aria-invalid={!!state.fieldErrors?.max_uses}
            />
          )}
        </fieldset>
        <div>
          <SubmitButton pending={pending} label="Create token" busyLabel="Creating…" />
        </div>
      </form>
      <ActionOutcome state={state}>
        {(created) => <NewToken created={created} flowgateUrl={flowgateUrl} />}
      </ActionOutcome>
    </div>
  );
}

function NewToken({ created, flowgateUrl }: { created: CreatedToken; flowgateUrl: string }) {
  const run = dockerRunCommand({ token: created.token, flowgateUrl });
  const compose = dockerComposeCommand({ token: created.token, flowgateUrl });
  return (
    <OneTimeSecret
      testId="new-registration-token"
      valueTestId="new-registration-token-value"
      className="gap-3 p-4"
      message={<>Copy the token for &ldquo;{created.name}&rdquo; now: it will not be shown again.</>}
      value={created.token}
      copyLabel="Copy token"
    >
      <Snippet title="docker run" value={run} />
      <Snippet title="docker compose" value={compose} />
      <p className="text-muted-foreground text-xs">
        Use the FlowGate URL as the gateway reaches it ({flowgateUrl} here). The gateway saves its OpAMP token and
        appears under Agents.
      </p>
    </OneTimeSecret>
  );
}

function Snippet({ title, value }: { title: string; value: string }) {
  return (
    <CommandBlock
      title={title}
      value={value}
      copyLabel={`Copy ${title}`}
      testId={`snippet-${title.replace(" ", "-")}`}
      look="snippet"
    />
  );
}
