"use client";
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { CopyButton } from "@/app/_components/copy-button";
import type { ActionResult } from "@/lib/ui/action";
import { createChannelAction, deleteChannelAction, testChannelAction, type CreatedChannel } from "./actions";

type Channel = { id: string; name: string; kind: "webhook" | "slack"; url: string };

export function ChannelsCard({
  channels,
  canManage,
  canTest,
}: {
  channels: Channel[];
  canManage: boolean;
  canTest: boolean;
}) {
  const [state, create, pending] = useActionState<ActionResult<CreatedChannel>, FormData>(createChannelAction, {
    ok: false,
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhook channels</CardTitle>
        <CardDescription>
          Generic JSON or Slack-compatible ({"{text}"}), signed with the channel&apos;s secret (X-FlowGate-Signature).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canManage && (
          <form action={create} className="flex flex-wrap items-end gap-3">
            <div className="grid gap-2">
              <Label htmlFor="channel-name">Name</Label>
              <Input id="channel-name" name="name" required maxLength={100} className="w-48" />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="channel-kind">Format</Label>
              <select
                id="channel-kind"
                name="kind"
                className="h-9 rounded-md border px-2 text-sm"
                defaultValue="webhook"
              >
                <option value="webhook">Generic JSON</option>
                <option value="slack">Slack</option>
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="channel-url">URL</Label>
              <Input id="channel-url" name="url" type="url" required className="w-96" />
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? "Adding…" : "Add channel"}
            </Button>
          </form>
        )}
        {state.error && (
          <p role="alert" className="text-destructive text-sm">
            {state.error}
          </p>
        )}
        {state.ok && state.data && (
          <div className="bg-muted/50 grid gap-2 rounded-md border p-4" data-testid="new-channel-secret">
            <p className="text-sm font-medium">
              Copy the signing secret of &ldquo;{state.data.name}&rdquo; now: it will not be shown again.
            </p>
            <div className="flex items-center gap-2">
              <code className="bg-background truncate rounded border px-2 py-1 text-xs">{state.data.secret}</code>
              <CopyButton value={state.data.secret} label="Copy secret" />
            </div>
          </div>
        )}
        {channels.length === 0 ? (
          <p className="text-muted-foreground text-sm">No channels: notifications are recorded but not sent.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Format</TableHead>
                <TableHead>URL</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {channels.map((c) => (
                <TableRow key={c.id} data-testid="alert-channel-row">
                  <TableCell className="font-medium">{c.name}</TableCell>
                  <TableCell>{c.kind === "slack" ? "Slack" : "Generic JSON"}</TableCell>
                  <TableCell className="max-w-md truncate">
                    <code className="text-xs">{c.url}</code>
                  </TableCell>
                  <TableCell className="flex justify-end gap-2">
                    {canTest && <TestButton id={c.id} />}
                    {canManage && (
                      <ConfirmDialog
                        trigger={
                          <Button variant="outline" size="sm">
                            Delete
                          </Button>
                        }
                        title={`Delete "${c.name}"?`}
                        description="Pending deliveries to it are dropped; rules sent only here go to every channel instead."
                        confirmLabel="Delete channel"
                        onConfirm={() => deleteChannelAction(c.id)}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function TestButton({ id }: { id: string }) {
  const [result, setResult] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const r = await testChannelAction(id);
      if (!r.ok || !r.data) return setResult(r.error ?? "Failed");
      setResult(r.data.delivered ? `Delivered (HTTP ${r.data.status})` : `Not delivered: ${r.data.error}`);
    });
  return (
    <span className="flex items-center gap-2">
      {result && (
        <span className="text-muted-foreground text-xs" role="status">
          {result}
        </span>
      )}
      <Button variant="outline" size="sm" onClick={run} disabled={pending}>
        {pending ? "Sending…" : "Send test"}
      </Button>
    </span>
  );
}
