"use client";
import { startTransition, useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import type { OrgSettings } from "@/lib/settings/definitions";
import { PriceFields } from "./price-fields";
import type { ActionResult } from "@/lib/ui/action";
import { COMPONENT_KINDS } from "@/lib/validation/types";
import { saveSettingsAction } from "./settings-form-actions";

// The numeric settings and the form field each is edited in.
const NUMBER_FIELDS = [
  { key: "opamp.heartbeat_interval_seconds", id: "heartbeat", label: "Heartbeat interval (seconds)" },
  { key: "opamp.max_message_bytes", id: "max_message_bytes", label: "Max OpAMP message (bytes)" },
  { key: "deployments.apply_timeout_seconds", id: "apply_timeout", label: "Apply timeout (seconds)" },
] as const;

const HINTS: Record<(typeof NUMBER_FIELDS)[number]["id"], string> = {
  heartbeat: "Offered to agents; 0 turns heartbeats off (0–3600).",
  max_message_bytes: "1024 to 268435456; default 4 MiB (the spec recommends accepting up to 64 MiB).",
  apply_timeout: "A silent gateway is marked failed-timeout after this (10–86400).",
};

export function SettingsForm({ settings, canEdit }: { settings: OrgSettings; canEdit: boolean }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(saveSettingsAction, { ok: false });
  const allow = settings["components.allow_list"];
  // Submitted by hand rather than through `action=`: React resets a form after its action, which would wipe a
  // refused value before the person can correct it. The key reloads the fields once saved values come back.
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="grid gap-6"
      key={JSON.stringify(settings)}
      aria-label="Organization settings"
    >
      <div className="flex flex-wrap gap-6">
        {NUMBER_FIELDS.map((f) => (
          <div key={f.id} className="grid gap-1.5">
            <Label htmlFor={f.id}>{f.label}</Label>
            <Input
              id={f.id}
              name={f.id}
              type="number"
              defaultValue={settings[f.key]}
              disabled={!canEdit}
              className="w-48"
            />
            <p className="text-muted-foreground text-xs">{HINTS[f.id]}</p>
          </div>
        ))}
      </div>
      <fieldset className="grid gap-3" disabled={!canEdit}>
        <legend className="mb-2 text-sm font-medium">Component allow-list (types, separated by commas)</legend>
        {COMPONENT_KINDS.map((kind) => (
          <div key={kind} className="grid gap-1.5 sm:grid-cols-[8rem_1fr] sm:items-center">
            <Label htmlFor={`allow_${kind}`} className="capitalize">
              {kind}
            </Label>
            <Input
              id={`allow_${kind}`}
              name={`allow_${kind}`}
              defaultValue={allow[kind].join(", ")}
              placeholder="none"
            />
          </div>
        ))}
      </fieldset>
      <PriceFields prices={settings["savings.prices"]} disabled={!canEdit} />
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
          {state.ok && !pending && (
            <span role="status" className="text-success text-sm">
              Settings saved.
            </span>
          )}
          {state.error && (
            <span role="alert" className="text-destructive text-sm">
              {state.error}
            </span>
          )}
        </div>
      ) : (
        <p className="text-muted-foreground text-sm">Only admins can change settings.</p>
      )}
    </form>
  );
}
