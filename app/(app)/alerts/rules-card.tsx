"use client";
import { useActionState, useState, useTransition } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import type { ActionResult } from "@/lib/ui/action";
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

function Field({ id, label, ...props }: { id: string; label: string } & React.ComponentProps<typeof Input>) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} {...props} />
    </div>
  );
}

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
  return (
    <Card>
      <CardHeader>
        <CardTitle>Rules</CardTitle>
        <CardDescription>
          Evaluated every few seconds on every replica; each firing and resolve is notified once.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canManage && (
          <form action={create} className="flex flex-wrap items-end gap-3">
            <Field id="rule-name" label="Name" name="name" required maxLength={100} className="w-48" />
            <div className="grid gap-2">
              <Label htmlFor="rule-kind">Condition</Label>
              <select
                id="rule-kind"
                name="kind"
                value={kind}
                onChange={(e) => setKind(e.target.value as Kind)}
                className="h-9 rounded-md border px-2 text-sm"
              >
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
            {(kind === "gateway_down" || kind === "fleet_health_below") && (
              <Field id="rule-selector" label="Tags (env=prod,tier)" name="selector" className="w-48" />
            )}
            {kind === "gateway_down" && (
              <Field
                id="rule-minutes"
                label="For (minutes)"
                name="for_minutes"
                type="number"
                min={0}
                defaultValue={5}
                className="w-28"
              />
            )}
            {kind === "token_expiring" && (
              <Field
                id="rule-days"
                label="Within (days)"
                name="days"
                type="number"
                min={1}
                max={365}
                defaultValue={14}
                className="w-28"
              />
            )}
            {kind === "fleet_health_below" && (
              <Field
                id="rule-threshold"
                label="Healthy below (%)"
                name="threshold_percent"
                type="number"
                min={1}
                max={100}
                defaultValue={90}
                className="w-32"
              />
            )}
            <div className="grid gap-2">
              <Label htmlFor="rule-channel">Channel</Label>
              <select
                id="rule-channel"
                name="channel_id"
                className="h-9 rounded-md border px-2 text-sm"
                defaultValue=""
              >
                <option value="">All channels</option>
                {channels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? "Adding…" : "Add rule"}
            </Button>
          </form>
        )}
        {state.error && (
          <p role="alert" className="text-destructive text-sm">
            {state.error}
          </p>
        )}
        {rules.length === 0 ? (
          <p className="text-muted-foreground text-sm">No rules yet.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Condition</TableHead>
                <TableHead>Channel</TableHead>
                <TableHead>State</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.map((r) => (
                <TableRow key={r.id} data-testid="alert-rule-row">
                  <TableCell className="font-medium">{r.name}</TableCell>
                  <TableCell>{r.condition}</TableCell>
                  <TableCell>{r.channel}</TableCell>
                  <TableCell>
                    {!r.enabled ? (
                      <Badge variant="secondary">disabled</Badge>
                    ) : r.firing ? (
                      <Badge variant="destructive">{r.firing} firing</Badge>
                    ) : (
                      <Badge variant="success">ok</Badge>
                    )}
                  </TableCell>
                  <TableCell className="flex justify-end gap-2">{canManage && <RuleButtons rule={r} />}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

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
      <ConfirmDialog
        trigger={
          <Button variant="outline" size="sm">
            Delete
          </Button>
        }
        title={`Delete "${rule.name}"?`}
        description="Its notifications stay in the list; nothing more is sent for it."
        confirmLabel="Delete rule"
        onConfirm={() => deleteRuleAction(rule.id)}
      />
    </>
  );
}
