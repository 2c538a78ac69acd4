"use server";
import { revalidatePath } from "next/cache";
import { requireSessionContext } from "@/lib/auth/session";
import { createDeployment } from "@/lib/deployments/create";
import { cancelDeployment, pauseDeployment, resumeDeployment } from "@/lib/deployments/lifecycle";
import { previewDeploymentTarget } from "@/lib/deployments/preview";
import { rollbackDeployment } from "@/lib/deployments/rollback";
import { createDeploymentInput, previewInput } from "@/lib/deployments/schemas";
import { listTemplateVersions } from "@/lib/templates/queries";
import { dryRun } from "@/lib/validation/dry-run";
import { actionFailure, idSchema, zodFailure, type ActionResult } from "@/lib/ui/action-result";
import { toJson, type Jsonify } from "@/lib/ui/json";

export type CreateDeploymentState = ActionResult<{ id: string }>;

/** The create form's fields as the REST body: target from the chosen mode, strategy from the visible fields. */
function formToInput(f: FormData) {
  const num = (k: string) => (f.get(k) ? Number(f.get(k)) : undefined);
  const progressive = f.get("strategy") === "progressive";
  const percent = f.get("batch_mode") === "percent";
  const thresholdPercent = f.get("threshold_mode") === "percent";
  const ids = String(f.get("gateway_ids") ?? "").split(/[\s,]+/).filter(Boolean);
  return {
    name: String(f.get("name") ?? "").trim() || undefined,
    template_id: f.get("template_id"),
    template_version: num("template_version"),
    target: f.get("target_mode") === "ids" ? { gateway_ids: ids } : { selector: String(f.get("selector") ?? "") },
    strategy: {
      type: progressive ? "progressive" : "all_at_once",
      ...(progressive ? { [percent ? "batch_percent" : "batch_size"]: num("batch_value"), pause_seconds: num("pause_seconds") ?? 0 } : {}),
      ...(num("failure_threshold") ? { [thresholdPercent ? "failure_threshold_percent" : "failure_threshold"]: num("failure_threshold") } : {}),
    },
  };
}

export async function createDeploymentAction(_prev: CreateDeploymentState, form: FormData): Promise<CreateDeploymentState> {
  const ctx = await requireSessionContext();
  const parsed = createDeploymentInput.safeParse(formToInput(form));
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    const created = await createDeployment(ctx, parsed.data);
    revalidatePath("/deployments");
    return { ok: true, data: { id: created.id } };
  } catch (err) {
    return actionFailure(err, "deployments");
  }
}

export type PreviewResult = ActionResult<Jsonify<Awaited<ReturnType<typeof previewDeploymentTarget>>>>;

/** "Matches 37 gateways" while the target is typed. */
export async function previewTargetAction(target: unknown): Promise<PreviewResult> {
  const ctx = await requireSessionContext();
  const parsed = previewInput.safeParse({ target });
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    return { ok: true, data: toJson(await previewDeploymentTarget(ctx, parsed.data.target)) };
  } catch (err) {
    return actionFailure(err, "deployments");
  }
}

export type DryRunResult = ActionResult<Jsonify<Awaited<ReturnType<typeof dryRun>>>>;

/** What one matched gateway would receive, and its diff against the config it runs now. */
export async function dryRunAction(input: { template_id: string; version?: number; gateway_id: string }): Promise<DryRunResult> {
  const ctx = await requireSessionContext();
  try {
    return { ok: true, data: toJson(await dryRun(ctx, input)) };
  } catch (err) {
    return actionFailure(err, "deployments");
  }
}

export async function templateVersionsAction(templateId: string) {
  const ctx = await requireSessionContext();
  if (!idSchema.safeParse(templateId).success) return { ok: false, error: "Invalid template id" } as ActionResult<never>;
  try {
    const page = await listTemplateVersions(ctx, templateId, { limit: 100 });
    return { ok: true, data: page.items.map((v) => ({ version: v.version, message: v.message, created_at: String(v.created_at) })) };
  } catch (err) {
    return actionFailure(err, "deployments");
  }
}

const VERBS = { pause: pauseDeployment, resume: resumeDeployment, cancel: cancelDeployment, rollback: rollbackDeployment };

/** Pause, resume, cancel or roll back; a rollback returns the new deployment's id. */
export async function deploymentAction(verb: keyof typeof VERBS, id: string): Promise<ActionResult<{ id: string }>> {
  const ctx = await requireSessionContext();
  if (!idSchema.safeParse(id).success || !(verb in VERBS)) return { ok: false, error: "Invalid request" };
  try {
    const result = await VERBS[verb](ctx, id);
    revalidatePath("/deployments");
    return { ok: true, data: { id: result.id } };
  } catch (err) {
    return actionFailure(err, "deployments");
  }
}
