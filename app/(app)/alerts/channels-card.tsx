"use client";
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { ConfirmDialog, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { ActionOutcome, InputField, SelectField, SubmitButton } from "@/app/_components/form-field";
import { OneTimeSecret } from "@/app/_components/one-time-secret";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
import type { ActionResult } from "@/lib/ui/action";
import { SectionCard } from "@/app/_components/section-card";
import { createChannelAction, deleteChannelAction, testChannelAction, type CreatedChannel } from "./actions";

type Channel = { id: string; name: string; kind: "webhook" | "slack"; url: string };

const KINDS = [
  { value: "webhook", label: "Generic JSON" },
  { value: "slack", label: "Slack" },
];

const deleteTexts = (name: string): ConfirmTexts => ({
  title: `Delete "${name}"?`,
  description: "Pending deliveries to it are dropped; rules sent only here go to every channel instead.",
  confirmLabel: "Delete channel",
});

const columns: Column<Channel>[] = [
  { header: "Name", className: "font-medium", cell: (c) => c.name },
  { header: "Format", cell: (c) => (c.kind === "slack" ? "Slack" : "Generic JSON") },
  { header: "URL", className: "max-w-md truncate", cell: (c) => <code className="text-xs">{c.url}</code> },
];

function NewChannelSecret({ created }: { created: CreatedChannel }) {
  return (
    <OneTimeSecret
      testId="new-channel-secret"
      message={<>Copy the signing secret of &ldquo;{created.name}&rdquo; now: it will not be shown again.</>}
      value={created.secret}
      copyLabel="Copy secret"
    />
  );
}

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
  const buttons: Column<Channel> = {
    className: "flex justify-end gap-2",
    cell: (c) => (
      <>
        {canTest && <TestButton id={c.id} />}
        {canManage && (
          <ConfirmDialog trigger="Delete" texts={deleteTexts(c.name)} onConfirm={() => deleteChannelAction(c.id)} />
        )}
      </>
    ),
  };
  return (
    <SectionCard
      title="Webhook channels"
      description={
        <>
          Generic JSON or Slack-compatible ({"{text}"}), signed with the channel&apos;s secret (X-FlowGate-Signature).
        </>
      }
    >
      {canManage && (
        <form action={create} className="flex flex-wrap items-end gap-3">
          <InputField id="channel-name" label="Name" name="name" required maxLength={100} className="w-48" />
          <SelectField
            id="channel-kind"
            label="Format"
            name="kind"
            className="h-9 rounded-md border px-2 text-sm"
            defaultValue="webhook"
            options={KINDS}
          />
          <InputField id="channel-url" label="URL" name="url" type="url" required className="w-96" />
          <SubmitButton pending={pending} label="Add channel" busyLabel="Adding…" />
        </form>
      )}
      <ActionOutcome state={state}>{(created) => <NewChannelSecret created={created} />}</ActionOutcome>
      {channels.length === 0 ? (
        <p className="text-muted-foreground text-sm">No channels: notifications are recorded but not sent.</p>
      ) : (
        <SimpleTable
          columns={[...columns, buttons]}
          rows={channels}
          rowKey={(c) => c.id}
          rowTestId="alert-channel-row"
        />
      )}
    </SectionCard>
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
