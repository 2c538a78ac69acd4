"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useSWRConfig } from "swr";
import { Pause, Play, Undo2, X } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { canApply } from "@/lib/deployments/transitions";
import { deploymentAction } from "../actions";

/** Pause / Resume / Cancel / Rollback, offered by the deployment's status; the table refreshes right after. */
export function DeploymentButtons({ id, status }: { id: string; status: string }) {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => mutate((k) => typeof k === "string" && k.startsWith(`/api/v1/deployments/${id}`));
  const run = (verb: "pause" | "resume") =>
    startTransition(async () => {
      const r = await deploymentAction({ verb, id });
      setError(r.ok ? null : (r.error ?? "Could not " + verb));
      await refresh();
    });
  return (
    <div className="grid justify-items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {canApply("pause", status) && (
          <Button variant="outline" disabled={pending} onClick={() => run("pause")}>
            <Pause /> Pause
          </Button>
        )}
        {canApply("resume", status) && (
          <Button variant="outline" disabled={pending} onClick={() => run("resume")}>
            <Play /> Resume
          </Button>
        )}
        {canApply("cancel", status) && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" disabled={pending}>
                <X /> Cancel
              </Button>
            }
            title="Cancel this deployment?"
            description="No further batches start, and the gateways it already reached go back to the next newest deployment that reached them, or the base config."
            confirmLabel="Cancel deployment"
            onConfirm={async () => {
              const r = await deploymentAction({ verb: "cancel", id });
              await refresh();
              return r;
            }}
          />
        )}
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={pending}>
              <Undo2 /> Rollback
            </Button>
          }
          title="Roll back to the previous version?"
          description="A new deployment of the template's previous version goes to the same target, all at once. Being newer, it takes every gateway over."
          confirmLabel="Roll back"
          onConfirm={async () => {
            const r = await deploymentAction({ verb: "rollback", id });
            if (r.ok && r.data) router.push(`/deployments/${r.data.id}`);
            return r;
          }}
        />
      </div>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}
