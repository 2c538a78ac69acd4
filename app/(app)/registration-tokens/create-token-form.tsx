"use client";
import { useActionState, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { CopyButton } from "@/app/_components/copy-button";
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
      <form action={action} className="grid gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-2">
            <Label htmlFor="token-name">Name</Label>
            <Input
              id="token-name"
              name="name"
              placeholder="edge gateways"
              required
              maxLength={100}
              className="w-64"
              aria-invalid={!!state.fieldErrors?.name}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="token-expiry">Expires in (days)</Label>
            <Input
              id="token-expiry"
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
            <div className="mt-1 ml-6 grid w-40 gap-2">
              <Label htmlFor="token-max-uses">Max uses</Label>
              <Input
                id="token-max-uses"
                name="max_uses"
                type="number"
                min={1}
                defaultValue={3}
                required
                aria-invalid={!!state.fieldErrors?.max_uses}
              />
            </div>
          )}
        </fieldset>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>
      {state.error && (
        <p role="alert" className="text-destructive text-sm">
          {state.error}
        </p>
      )}
      {state.ok && state.data && <NewToken created={state.data} flowgateUrl={flowgateUrl} />}
    </div>
  );
}

function NewToken({ created, flowgateUrl }: { created: CreatedToken; flowgateUrl: string }) {
  const run = dockerRunCommand({ token: created.token, flowgateUrl });
  const compose = dockerComposeCommand({ token: created.token, flowgateUrl });
  return (
    <div className="bg-muted/50 grid gap-3 rounded-md border p-4" data-testid="new-registration-token">
      <p className="text-sm font-medium">
        Copy the token for &ldquo;{created.name}&rdquo; now: it will not be shown again.
      </p>
      <div className="flex items-center gap-2">
        <code
          className="bg-background truncate rounded border px-2 py-1 text-xs"
          data-testid="new-registration-token-value"
        >
          {created.token}
        </code>
        <CopyButton value={created.token} label="Copy token" />
      </div>
      <Snippet title="docker run" value={run} />
      <Snippet title="docker compose" value={compose} />
      <p className="text-muted-foreground text-xs">
        Use the FlowGate URL as the gateway reaches it ({flowgateUrl} here). The gateway saves its OpAMP token and
        appears under Agents.
      </p>
    </div>
  );
}

function Snippet({ title, value }: { title: string; value: string }) {
  return (
    <CommandBlock
      title={title}
      value={value}
      copyLabel={`Copy ${title}`}
      testId={`snippet-${title.replace(" ", "-")}`}
      titleClassName="text-xs font-medium"
      preClassName="bg-background overflow-x-auto rounded border p-2"
    />
  );
}
