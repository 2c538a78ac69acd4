"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { Rocket } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { DialogFooter } from "@/app/_components/ui/dialog";
import { DialogFrame } from "@/app/_components/dialog-frame";
import { rolloutTransformAction } from "../actions";
import type { SavedTransform } from "./save-bar";

type Outcome = NonNullable<Awaited<ReturnType<typeof rolloutTransformAction>>["data"]>;

/**
 * "Save and roll out": saves the edited steps (when there are any) as a new version, writes a new version of
 * every template whose latest version references this transform, and optionally deploys those to the gateways
 * that run them. What was created is listed with links.
 */
export function RolloutDialog({
  transform,
  draft,
  onDone,
}: {
  transform: SavedTransform;
  draft: { steps: Record<string, unknown>[]; message: string } | null;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [deploy, setDeploy] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const templates = [...new Map(transform.used_by.map((u) => [u.template_id, u])).values()];
  const pinned = templates.filter((t) => t.pinned);

  const run = () =>
    startTransition(async () => {
      const r = await rolloutTransformAction({
        id: transform.id,
        ...(draft
          ? { steps: draft.steps, base_version: transform.latest_version, message: draft.message || null }
          : {}),
        ...(deploy ? { deploy: {} } : {}),
      });
      if (!r.ok || !r.data) return setError(r.error ?? "The rollout failed");
      setError(null);
      setOutcome(r.data);
    });

  return (
    <DialogFrame
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setError(null);
          setOutcome(null);
        } else if (outcome) onDone();
      }}
      className="sm:max-w-xl"
      trigger={
        <Button type="button" variant="outline">
          <Rocket /> {draft ? "Save and roll out" : "Roll out"}
        </Button>
      }
      title={
        <>
          {draft ? "Save and roll out" : "Roll out"} {transform.name}
        </>
      }
      description={
        <>
          {draft ? `Saves version ${transform.latest_version + 1}, then writes` : `Writes`} a new version of each
          template that uses this transform, so it picks up the {draft ? "new" : "latest"} steps.
        </>
      }
    >
      {outcome ? (
        <RolloutOutcome outcome={outcome} />
      ) : templates.length === 0 ? (
        <p className="text-muted-foreground text-sm" data-testid="rollout-unused">
          No template uses this transform yet. Add <code>flowgate_transform/{transform.name}</code> to a pipeline&apos;s
          processors in a template.
        </p>
      ) : (
        <div className="grid gap-3 text-sm">
          <ul className="grid gap-1" data-testid="rollout-templates">
            {templates.map((t) => (
              <li key={t.template_id}>
                <Link href={`/templates/${t.template_id}`} className="font-medium hover:underline">
                  {t.template_name}
                </Link>
                <span className="text-muted-foreground">
                  {" "}
                  v{t.template_version} · uses v{t.transform_version}
                  {t.pinned ? " (pinned)" : ""}
                </span>
              </li>
            ))}
          </ul>
          {pinned.length > 0 && (
            <p className="text-muted-foreground text-xs">
              Templates pinned to a version (<code>@N</code>) get the reference moved to the new version.
            </p>
          )}
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={deploy} onChange={(e) => setDeploy(e.target.checked)} />
            Also deploy the new template versions, all at once, to the gateways that run each template through a
            deployment now
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="text-destructive text-sm" data-testid="rollout-error">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={() => setOpen(false)}>
          {outcome ? "Close" : "Cancel"}
        </Button>
        {!outcome && (
          <Button type="button" disabled={pending || (templates.length === 0 && !draft)} onClick={run}>
            {pending
              ? "Working…"
              : deploy && templates.length > 0
                ? "Create versions and deploy"
                : templates.length > 0
                  ? "Create template versions"
                  : "Save"}
          </Button>
        )}
      </DialogFooter>
    </DialogFrame>
  );
}

function RolloutOutcome({ outcome }: { outcome: Outcome }) {
  const deployments = new Map(outcome.deployments.map((d) => [d.template_id, d]));
  return (
    <div className="grid gap-2 text-sm" data-testid="rollout-outcome">
      {outcome.saved_version && (
        <p>
          Saved {outcome.transform.name} version {outcome.saved_version.version}.
        </p>
      )}
      {outcome.templates.length === 0 && (
        <p className="text-muted-foreground">No template uses this transform, so nothing else was created.</p>
      )}
      <ul className="grid gap-1">
        {outcome.templates.map((t) => {
          const d = deployments.get(t.template_id);
          return (
            <li key={t.template_id} data-testid="rollout-template">
              <Link href={`/templates/${t.template_id}`} className="font-medium hover:underline">
                {t.template_name}
              </Link>{" "}
              {t.status === "saved" && <span>→ new version v{t.version}</span>}
              {t.status === "up_to_date" && (
                <span className="text-muted-foreground">already uses v{outcome.transform.version}</span>
              )}
              {t.status === "failed" && <span className="text-destructive">not updated: {t.error}</span>}
              {d?.status === "created" && (
                <span>
                  {" "}
                  · deployment{" "}
                  <Link href={`/deployments/${d.deployment_id}`} className="underline">
                    {d.name}
                  </Link>{" "}
                  to {d.gateway_count} gateway{d.gateway_count === 1 ? "" : "s"}
                </span>
              )}
              {d?.status === "skipped" && <span className="text-muted-foreground"> · not deployed: {d.reason}</span>}
              {d?.status === "failed" && <span className="text-destructive"> · deployment failed: {d.error}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
