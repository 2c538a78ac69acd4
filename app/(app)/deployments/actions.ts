"use server";
import { z } from "zod";
import { createDeployment } from "@/lib/deployments/create";
import { cancelDeployment, pauseDeployment, resumeDeployment } from "@/lib/deployments/lifecycle";
import { previewDeploymentTarget } from "@/lib/deployments/preview";
import { rollbackDeployment } from "@/lib/deployments/rollback";
import { createDeploymentInput, previewInput } from "@/lib/deployments/schemas";
import { listTemplateVersions } from "@/lib/templates/queries";
import { dryRun } from "@/lib/validation/dry-run";
import { action, formAction, idSchema, type ActionResult } from "@/lib/ui/action";
import { toJson } from "@/lib/ui/json";

export type CreateDeploymentState = ActionResult<{ id: string }>;

/** The create form's fields as the REST body: target from the chosen mode, strategy from the visible fields. */
function formToInput(f: Record<string, string>) {
  const num = (k: string) => (f[k] ? Number(f[k]) : undefined);
  const progressive = f.strategy === "progressive";
  const percent = f.batch_mode === "percent";
  const thresholdPercent = f.threshold_mode === "percent";
  const ids = (f.gateway_ids ?? "").split(/[\s,]+/).filter(Boolean);
  return {
    name: (f.name ?? "").trim() || undefined,
    template_id: f.template_id,
    template_version: num("template_version"),
    target: f.target_mode === "ids" ? { gateway_ids: ids } : { selector: f.selector ?? "" },
    strategy: {
      type: progressive ? "progressive" : "all_at_once",
      ...(progressive
        ? { [percent ? "batch_percent" : "batch_size"]: num("batch_value"), pause_seconds: num("pause_seconds") ?? 0 }
        : {}),
      ...(num("failure_threshold")
        ? { [thresholdPercent ? "failure_threshold_percent" : "failure_threshold"]: num("failure_threshold") }
        : {}),
    },
  };
}

export const createDeploymentAction = formAction(
  z.preprocess((f) => formToInput(f as Record<string, string>), createDeploymentInput),
  async (ctx, input) => ({ id: (await createDeployment(ctx, input)).id }),
  { revalidate: ["/deployments"] },
);

/** "Matches 37 gateways" while the target is typed. */
export const previewTargetAction = action(
  z.preprocess((target) => ({ target }), previewInput),
  async (ctx, { target }) => toJson(await previewDeploymentTarget(ctx, target)),
);
export type PreviewResult = Awaited<ReturnType<typeof previewTargetAction>>;

/** What one matched gateway would receive, and its diff against the config it runs now. */
export const dryRunAction = action(
  z.object({ template_id: idSchema(), version: z.int().min(1).optional(), gateway_id: idSchema() }),
  async (ctx, input) => toJson(await dryRun(ctx, input)),
);
export type DryRunResult = Awaited<ReturnType<typeof dryRunAction>>;

export const templateVersionsAction = action(idSchema("Invalid template id"), async (ctx, templateId) => {
  const page = await listTemplateVersions(ctx, templateId, { limit: 100 });
  return page.items.map((v) => ({ version: v.version, message: v.message, created_at: String(v.created_at) }));
});

const VERBS = {
  pause: pauseDeployment,
  resume: resumeDeployment,
  cancel: cancelDeployment,
  rollback: rollbackDeployment,
};

/** Pause, resume, cancel or roll back; a rollback returns the new deployment's id. */
export const deploymentAction = action(
  z.object({
    verb: z.enum(["pause", "resume", "cancel", "rollback"], { error: "Invalid request" }),
    id: idSchema("Invalid request"),
  }),
  async (ctx, { verb, id }) => ({ id: (await VERBS[verb](ctx, id)).id }),
  { revalidate: ["/deployments"] },
);
