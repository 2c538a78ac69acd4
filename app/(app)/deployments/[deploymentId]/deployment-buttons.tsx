"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useSWRConfig } from "swr";
import { Pause, Play, Undo2, X } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { ConfirmDialog, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { ErrorLine } from "@/app/_components/form-field";
import { canApply } from "@/lib/deployments/transitions";
import { deploymentAction } from "../actions";

// Pause and resume act at once; cancel and rollback ask first.
const DIRECT = [
  { verb: "pause", icon: Pause, label: "Pause" },
  { verb: "resume", icon: Play, label: "Resume" },
] as const;

const CONFIRMED: Record<"cancel" | "rollback", ConfirmTexts & { icon: typeof X; label: string }> = {
  cancel: {
    icon: X,
    label: "Cancel",
    title: "Cancel this deployment?",
    description:
      "No further batches start, and the gateways it already reached go back to the next newest deployment that reached them, or the base config.",
    confirmLabel: "Cancel deployment",
  },
  rollback: {
    icon: Undo2,
    label: "Rollback",
    title: "Roll back to the previous version?",
    description:
      "A new deployment of the template's previous version goes to the same target, all at once. Being newer, it takes every gateway over.",
    confirmLabel: "Roll back",
  },
};

/** Pause / Resume / Cancel / Rollback, offered by the deployment's status (rollback: by its version); the table refreshes right after. */
export function DeploymentButtons({ id, status, canRollback }: { id: string; status: string; canRollback: boolean }) {
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
  // A rollback is a new deployment: go to it. A cancel stays here and refreshes.
  const confirm = async (verb: "cancel" | "rollback") => {
    const r = await deploymentAction({ verb, id });
    if (verb === "cancel") await refresh();
    else if (r.ok && r.data) router.push(`/deployments/${r.data.id}`);
    return r;
  };
  // Rollback is offered in every status, when the template has a version before this one.
  const confirmed = (["cancel", "rollback"] as const).filter((v) =>
    v === "rollback" ? canRollback : canApply(v, status),
  );
  return (
    <div className="grid justify-items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {DIRECT.filter((d) => canApply(d.verb, status)).map(({ verb, icon: Icon, label }) => (
          <Button key={verb} variant="outline" disabled={pending} onClick={() => run(verb)}>
            <Icon /> {label}
          </Button>
        ))}
        {confirmed.map((verb) => {
          const { icon: Icon, label, ...texts } = CONFIRMED[verb];
          return (
            <ConfirmDialog
              key={verb}
              trigger={
                <Button variant="outline" disabled={pending}>
                  <Icon /> {label}
                </Button>
              }
              texts={texts}
              onConfirm={() => confirm(verb)}
            />
          );
        })}
      </div>
      <ErrorLine error={error} />
    </div>
  );
}
