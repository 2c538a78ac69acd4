"use client";
import { useActionState, useState, useTransition } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { ConfirmDialog, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { ErrorLine, InputField, SelectField, SubmitButton } from "@/app/_components/form-field";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
import type { ActionResult } from "@/lib/ui/action";
import { SectionCard } from "@/app/_components/section-card";
import { createRuleAction, deleteRuleAction, setRuleEnabledAction } from "./actions";

export type RuleRow = {
  id: string;
  name: string;
  condition: string;
  channel: string;
  enabled: boolean;
  firing: number;
};
type Kind = "gateway_down" | "deployment_failed" | "token_expiring" | "fleet_health_below";

const KINDS: { value: Kind; label: string }[] = [
  { value: "gateway_down", label: "Gateway offline or unhealthy" },
  { value: "deployment_failed", label: "Deployment halted or failed" },
  { value: "token_expiring", label: "Token expiring" },
  { value: "fleet_health_below", label: "Fleet health below" },
];

type NumberInput = { id: string; label: string; name: string; min: number; max?: number; value: number; width: string };

// The number each condition takes, shown only for that condition.
const NUMBER_INPUTS: Partial<Record<Kind, NumberInput>> = {
  gateway_down: { id: "rule-minutes", label: "For (minutes)", name: "for_minutes", min: 0, value: 5, width: "w-28" },
  token_expiring: { id: "rule-days", label: "Within (days)", name: "days", min: 1, max: 365, value: 14, width: "w-28" },
  fleet_health_below: {
    id: "rule-threshold",
    label: "Healthy below (%)",
    name: "threshold_percent",
    min: 1,
    max: 100,
    value: 90,
    width: "w-32",
  },
};

function stateBadge(r: RuleRow) {
  if (!r.enabled) return <Badge variant="secondary">disabled</Badge>;
  if (r.firing) return <Badge variant="destructive">{r.firing} firing</Badge>;
  return <Badge variant="success">ok</Badge>;
}

const columns = (canManage: boolean): Column<RuleRow>[] => [
  { header: "Name", className: "font-medium", cell: (r) => r.name },
  { header: "Condition", cell: (r) => r.condition },
  { header: "Channel", cell: (r) => r.channel },
  { header: "State", cell: stateBadge },
  { className: "flex justify-end gap-2", cell: (r) => canManage && <RuleButtons rule={r} /> },
];

export function RulesCard({
  rules,
  channels,
  canManage,
}: {
  rules: RuleRow[];
  channels: { id: string; name: string }[];
  canManage: boolean;
}) {
  const [state, create, pending] = useActionState<ActionResult, FormData>(createRuleAction, { ok: false });
  const [kind, setKind] = useState<Kind>("gateway_down");
  const number = NUMBER_INPUTS[kind];
  return (
    <SectionCard
      title="Rules"
      description="Evaluated every few seconds on every replica; each firing and resolve is notified once."
    >
      {canManage && (
        <form action={create} className="flex flex-wrap items-end gap-3">
          <InputField id="rule-name" label="Name" name="name" required maxLength={100} className="w-48" />
          <SelectField
            id="rule-kind"
            value={kind}
            label="Condition"
            name="kind"
            onChange={(e) => setKind(e.target.value as Kind)}
            className="h-9 rounded-md border px-2 text-sm"
            options={KINDS}
          />
          {(kind === "gateway_down" || kind === "fleet_health_below") && (
            <InputField id="rule-selector" label="Tags (env=prod,tier)" name="selector" className="w-48" />
          )}
          {number && (
            <InputField
              key={number.id}
              id={number.id}
              label={number.label}
              name={number.name}
              type="number"
              min={number.min}
              max={number.max}
              defaultValue={number.value}
              className={number.width}
            />
          )}
          <SelectField
            id="rule-channel"
            label="Channel"
            name="channel_id"
            className="h-9 rounded-md border px-2 text-sm"
            defaultValue=""
            options={[{ value: "", label: "All channels" }, ...channels.map((c) => ({ value: c.id, label: c.name }))]}
          />
          <SubmitButton pending={pending} label="Add rule" busyLabel="Adding…" />
        </form>
      )}
      <ErrorLine error={state.error} />
      {rules.length === 0 ? (
        <p className="text-muted-foreground text-sm">No rules yet.</p>
      ) : (
        <SimpleTable columns={columns(canManage)} rows={rules} rowKey={(r) => r.id} rowTestId="alert-rule-row" />
      )}
    </SectionCard>
  );
}

const deleteTexts = (name: string): ConfirmTexts => ({
  title: `Delete "${name}"?`,
  description: "Its notifications stay in the list; nothing more is sent for it.",
  confirmLabel: "Delete rule",
});

function RuleButtons({ rule }: { rule: RuleRow }) {
  const [pending, start] = useTransition();
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() => start(async () => void (await setRuleEnabledAction({ id: rule.id, enabled: !rule.enabled })))}
      >
        {rule.enabled ? "Disable" : "Enable"}
      </Button>
      <ConfirmDialog trigger="Delete" texts={deleteTexts(rule.name)} onConfirm={() => deleteRuleAction(rule.id)} />
    </>
  );
}
