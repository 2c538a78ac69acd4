import { eq, inArray } from "drizzle-orm";
import { gateways, templateVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { DomainError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { resolveDesiredConfigs } from "../config-distribution/desired";
import { createDeployment } from "../deployments/create";
import { getTemplate } from "../templates/queries";
import { saveTemplateVersion } from "../templates/save-version";
import { repinTransformRefs } from "./references";
import { rolloutTransformInput, type RolloutTransformInput } from "./schemas";
import { saveTransformVersion } from "./save-version";
import { findTransformOr404, whereUsed } from "./shared";

type TemplateOutcome = { template_id: string; template_name: string } & (
  | { status: "saved"; version: number }
  | { status: "up_to_date"; version: number }
  | { status: "failed"; error: string; http_status: number }
);
type DeploymentOutcome = { template_id: string } & (
  | { status: "created"; deployment_id: string; name: string; gateway_count: number }
  | { status: "skipped"; reason: string }
  | { status: "failed"; error: string; http_status: number }
);

/**
 * Save and roll out (operator): optionally saves a new version, then gives every template whose latest version
 * references this transform a new version using it (pins moved, message "transform <name> v<N>"), and with
 * `deploy` starts a deployment of each new template version to the gateways that run that template through a
 * deployment now. Each template and deployment goes through its own verb (validation, 409s, audit); one failing
 * does not undo the others, and the result says what happened to each.
 */
export async function rolloutTransform(ctx: Ctx, transformId: string, input: RolloutTransformInput) {
  requireRole(ctx, "transforms.rollout");
  const data = parseWith(rolloutTransformInput, input);
  await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const saved = data.steps
    ? await saveTransformVersion(ctx, transformId, {
        steps: data.steps,
        base_version: data.base_version!,
        message: data.message,
      })
    : null;
  const transform = await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const version = transform.latestVersion;
  const usedBy = (await whereUsed(ctx.db, ctx.orgId, [transformId])).get(transformId) ?? [];
  const current = new Map<string, { name: string; versions: number[] }>();
  for (const u of usedBy) {
    const entry = current.get(u.template_id) ?? { name: u.template_name, versions: [] };
    entry.versions.push(u.transform_version);
    current.set(u.template_id, entry);
  }

  const templates: TemplateOutcome[] = [];
  for (const [templateId, { name, versions }] of current) {
    templates.push(await renewTemplate(ctx, templateId, name, versions, transform.name, version));
  }
  const deployments: DeploymentOutcome[] = [];
  if (data.deploy) {
    const renewed = templates.filter(
      (t): t is TemplateOutcome & { status: "saved"; version: number } => t.status === "saved",
    );
    const running = await gatewaysRunning(
      ctx,
      renewed.map((t) => t.template_id),
    );
    for (const t of renewed)
      deployments.push(await deploy(ctx, t, running.get(t.template_id) ?? [], data.deploy.strategy));
  }
  await recordAudit(ctx.db, ctx, {
    action: "transform.rollout",
    targetType: "transform",
    targetId: transformId,
    details: {
      name: transform.name,
      version,
      templates: templates.map((t) => ({
        id: t.template_id,
        status: t.status,
        ...("version" in t ? { version: t.version } : {}),
      })),
      deployments: deployments.flatMap((d) => (d.status === "created" ? [d.deployment_id] : [])),
    },
  });
  return {
    transform: { id: transformId, name: transform.name, version },
    saved_version: saved,
    templates,
    deployments,
  };
}

async function renewTemplate(
  ctx: Ctx,
  templateId: string,
  templateName: string,
  using: number[],
  name: string,
  version: number,
): Promise<TemplateOutcome> {
  const base = { template_id: templateId, template_name: templateName };
  try {
    const template = await getTemplate(ctx, templateId);
    if (using.every((v) => v === version)) return { ...base, status: "up_to_date", version: template.latest_version };
    const saved = await saveTemplateVersion(ctx, templateId, {
      content: repinTransformRefs(template.content, name, version),
      base_version: template.latest_version,
      message: `transform ${name} v${version}`,
    });
    return { ...base, status: "saved", version: saved.version };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { ...base, status: "failed", error: err.message, http_status: err.status };
  }
}

/** Gateways whose desired config comes from a deployment of each template (the base template's follow its latest version by themselves). */
async function gatewaysRunning(ctx: Ctx, templateIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (templateIds.length === 0) return out;
  const versions = await ctx.db
    .select({ id: templateVersions.id, templateId: templateVersions.templateId })
    .from(templateVersions)
    .where(inArray(templateVersions.templateId, templateIds));
  const templateOf = new Map(versions.map((v) => [v.id, v.templateId]));
  const list = await ctx.db
    .select({ id: gateways.id, orgId: gateways.orgId, instanceId: gateways.instanceId, name: gateways.name })
    .from(gateways)
    .where(eq(gateways.orgId, ctx.orgId));
  for (const [gatewayId, desired] of await resolveDesiredConfigs(ctx.db, list)) {
    if (desired?.source.kind !== "deployment") continue;
    const templateId = templateOf.get(desired.source.templateVersionId);
    if (templateId) out.set(templateId, [...(out.get(templateId) ?? []), gatewayId]);
  }
  return out;
}

async function deploy(
  ctx: Ctx,
  t: { template_id: string; version: number },
  gatewayIds: string[],
  strategy: NonNullable<RolloutTransformInput["deploy"]>["strategy"],
): Promise<DeploymentOutcome> {
  if (gatewayIds.length === 0)
    return {
      template_id: t.template_id,
      status: "skipped",
      reason: "No gateway runs this template through a deployment",
    };
  try {
    const d = await createDeployment(ctx, {
      template_id: t.template_id,
      template_version: t.version,
      target: { gateway_ids: gatewayIds },
      strategy,
    });
    return {
      template_id: t.template_id,
      status: "created",
      deployment_id: d.id,
      name: d.name,
      gateway_count: d.gateway_count,
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { template_id: t.template_id, status: "failed", error: err.message, http_status: err.status };
  }
}
