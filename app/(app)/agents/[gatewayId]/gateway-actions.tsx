"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, RotateCcw, Terminal, Trash2 } from "lucide-react";
import type { GatewayDetail } from "@/lib/ui/gateway-types";
import { Button } from "@/app/_components/ui/button";
import { DialogFooter } from "@/app/_components/ui/dialog";
import { ConfirmDialog, whenOk, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { DialogFrame } from "@/app/_components/dialog-frame";
import { ErrorLine } from "@/app/_components/form-field";
import { CopyButton } from "@/app/_components/copy-button";
import { deleteGatewayAction, restartGatewayAction, rotateGatewayTokenAction, type RotatedToken } from "./actions";

// The Restart command goes over the live connection only; nothing queues it for an agent that is away.
const restartTexts = (name: string, offline: boolean): ConfirmTexts => ({
  title: `Restart ${name}?`,
  description: offline
    ? `${name} is offline (not connected to FlowGate): the Restart command cannot reach it now and is not kept for later.`
    : "The agent gets the OpAMP Restart command and restarts its collector. Telemetry pauses while it does.",
  confirmLabel: offline ? "Restart anyway" : "Restart agent",
});

const deleteTexts = (name: string): ConfirmTexts => ({
  title: `Delete ${name}?`,
  description:
    "The gateway, its tags and logs are removed and its OpAMP token stops working. A running gateway must register again to come back.",
  confirmLabel: "Delete gateway",
});

export function GatewayActions({
  detail,
  restartRegistration,
  onChanged,
}: {
  detail: GatewayDetail;
  restartRegistration: string;
  onChanged: () => void;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const restart = whenOk(
    () => restartGatewayAction(detail.id),
    () => setNotice("Restart requested."),
  );
  const acceptsRestart = detail.version.capabilities.includes("AcceptsRestartCommand");
  // Same rule as the component health tree: only a live connection tells what the gateway does now.
  const offline = detail.connection_state !== "connected";
  const remove = whenOk(
    () => deleteGatewayAction(detail.id),
    () => router.push("/agents"),
  );
  return (
    <div className="grid justify-items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {acceptsRestart && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm">
                <RotateCcw /> Restart
              </Button>
            }
            texts={restartTexts(detail.name, offline)}
            onConfirm={restart}
          />
        )}
        <RotateTokenDialog id={detail.id} name={detail.name} offline={offline} onRotated={onChanged} />
        <RestartRegistrationDialog command={restartRegistration} />
        <ConfirmDialog
          trigger={
            <Button variant="destructive" size="sm">
              <Trash2 /> Delete
            </Button>
          }
          texts={deleteTexts(detail.name)}
          onConfirm={remove}
        />
      </div>
      {offline && (
        <p className="text-sm text-amber-700 dark:text-amber-400" data-testid="offline-actions-warning">
          Offline: a restart cannot reach this gateway now; config changes wait until it reconnects.
        </p>
      )}
      {notice && (
        <p role="status" className="text-muted-foreground text-sm">
          {notice}
        </p>
      )}
    </div>
  );
}

/** Asks first (the agent is disconnected until it has the new token), then shows the new token once. */
function RotateTokenDialog({
  id,
  name,
  offline,
  onRotated,
}: {
  id: string;
  name: string;
  offline: boolean;
  onRotated: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<RotatedToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reset = () => {
    setResult(null);
    setError(null);
  };
  const rotate = () =>
    startTransition(async () => {
      const r = await rotateGatewayTokenAction(id);
      if (r.ok && r.data) {
        setResult(r.data);
        onRotated();
      } else setError(r.error ?? "Could not rotate the token");
    });
  return (
    <DialogFrame
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) reset();
      }}
      trigger={
        <Button variant="outline" size="sm">
          <KeyRound /> Rotate token
        </Button>
      }
      title={result ? "New OpAMP token" : `Rotate the OpAMP token of ${name}?`}
      description={
        result
          ? "Copy it now: it will not be shown again. Give it to the gateway (update-opamp-config.sh or the OPAMP_TOKEN file)."
          : offline
            ? `${name} is offline. A new token is issued and the current one stops working at once: the gateway can only reconnect with the new one.`
            : "A new token is issued and the current one stops working at once; the live connection is closed."
      }
    >
      <ErrorLine error={error} />
      {result ? (
        <div className="grid gap-2" data-testid="rotated-token">
          <div className="flex items-center gap-2">
            <code className="bg-muted truncate rounded border px-2 py-1 text-xs" data-testid="rotated-token-value">
              {result.opamp_token}
            </code>
            <CopyButton value={result.opamp_token} label="Copy token" />
          </div>
          <p className="text-muted-foreground text-xs">
            Endpoint: <code>{result.opamp_endpoint}</code> · expires {result.expires_at.slice(0, 10)}
          </p>
        </div>
      ) : (
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="destructive" onClick={rotate} disabled={pending}>
            {pending ? "Rotating…" : "Rotate token"}
          </Button>
        </DialogFooter>
      )}
    </DialogFrame>
  );
}

/** Re-registering needs a registration token, which the UI never holds: show the call the gateway side makes. */
function RestartRegistrationDialog({ command }: { command: string }) {
  return (
    <DialogFrame
      className="sm:max-w-2xl"
      trigger={
        <Button variant="outline" size="sm">
          <Terminal /> Restart registration
        </Button>
      }
      title="Restart registration"
      description={
        <>
          If this gateway&apos;s registration failed, register it again with a fresh registration token (create one
          under Registration tokens), from the gateway or any shell that can reach FlowGate:
        </>
      }
    >
      <pre className="bg-muted overflow-x-auto rounded border p-3 text-xs" data-testid="restart-registration-command">
        {command}
      </pre>
      <DialogFooter>
        <CopyButton value={command} label="Copy command" />
      </DialogFooter>
    </DialogFrame>
  );
}
