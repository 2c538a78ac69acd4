import { and, eq, sql } from "drizzle-orm";
import { deployments, templates, templateVersions, type DeploymentStrategy, type DeploymentTarget } from "../db/schema";
import type { Tx } from "../db/client";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { InvalidInputError, NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { createDeploymentInput, type CreateDeploymentInput } from "./schemas";
import { matchTarget } from "./target";
import { batchOf, storedStrategy } from "./strategy";
import { announceRelease, configHashes } from "./release";
import { servedContent } from "../config-distribution/served-content";
import { env } from "../env";

export const NO_MATCH = "Target matches no gateways";

type Version = { id: string; templateId: string; version: number; content: string; templateName: string };

/** A version of one of this org's templates (latest when `version` is omitted); 404 for anything else. */
export async function findTemplateVersion(
  tx: Tx,
  orgId: string,
  templateId: string,
  version?: number,
): Promise<Version> {
  const [template] = await tx
    .select()
    .from(templates)
    .where(and(eq(templates.id, templateId), eq(templates.orgId, orgId)));
  if (!template) throw new NotFoundError("Template not found");
  const [row] = await tx
    .select({
      id: templateVersions.id,
      templateId: templateVersions.templateId,
      version: templateVersions.version,
      content: servedContent,
    })
    .from(templateVersions)
    .where(
      and(
        eq(templateVersions.templateId, template.id),
        eq(templateVersions.version, version ?? template.latestVersion),
      ),
    );
  if (!row) throw new NotFoundError(version ? `Template version ${version} not found` : "Template has no versions yet");
  return { ...row, templateName: template.name };
}

/**
 * Inserts a deployment with one row per matched gateway (batches assigned in a stable order), the first batch
 * released at once, so an all-at-once rollout reaches agents on commit rather than at the next engine tick.
 */
export async function insertDeployment(
  tx: Tx,
  ctx: Ctx,
  input: {
    name: string;
    version: Version;
    target: DeploymentTarget;
    strategy: DeploymentStrategy;
    rollbackOf?: string;
  },
) {
  const matched = await matchTarget(tx, ctx.orgId, input.target);
  if (input.target.gateway_ids) {
    const found = new Set(matched.map((g) => g.id));
    const missing = [...new Set(input.target.gateway_ids)].filter((id) => !found.has(id));
    if (missing.length)
      throw new NotFoundError(`Gateway not found: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`);
  }
  if (matched.length === 0) throw new InvalidInputError(NO_MATCH);
  const minWatch = env("FLOWGATE_GATE_MIN_WATCH_SECONDS");
  if (input.strategy.gates && input.strategy.gates.watch_seconds < minWatch)
    throw new InvalidInputError(`gates.watch_seconds must be at least ${minWatch} (own metrics come per minute)`);
  const strategy = storedStrategy(input.strategy);
  const [d] = await tx
    .insert(deployments)
    .values({
      orgId: ctx.orgId,
      name: input.name,
      templateId: input.version.templateId,
      templateVersionId: input.version.id,
      target: input.target,
      strategy,
      status: "in_progress",
      rollbackOf: input.rollbackOf ?? null,
      currentBatch: 0,
      createdBy: ctx.userId ?? null,
      startedAt: sql`now()`,
    })
    .returning();
  // The first batch is inserted already released (a new deployment is the newest: nothing has taken its gateways
  // over), and thousands of rows travel as one JSON parameter: a multi-row VALUES list costs more than the insert.
  const ref = { id: d.id, orgId: ctx.orgId, content: input.version.content };
  const batches = matched.map((_, i) => batchOf(strategy, matched.length, i));
  const first = matched.filter((_, i) => batches[i] === 0);
  const hashes = new Map(configHashes(ref.content, first).map((x) => [x.g, x.h]));
  const rows = matched.map((g, i) => ({ g: g.id, b: batches[i], h: hashes.get(g.id) ?? null }));
  await tx.execute(sql`
    insert into deployment_gateways (deployment_id, gateway_id, org_id, batch, config_hash, released_at)
    select ${d.id}::uuid, v.g, ${ctx.orgId}::uuid, v.b, v.h, case when v.h is null then null else now() end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(g uuid, b int, h text)`);
  await announceRelease(
    tx,
    ref,
    first.map((g) => g.id),
  );
  return { deployment: d, gatewayCount: matched.length };
}

/** Creates and starts a deployment of a template version to the gateways a target names. */
export async function createDeployment(ctx: Ctx, input: CreateDeploymentInput) {
  requireRole(ctx, "deployments.create");
  const data = parseWith(createDeploymentInput, input);
  return ctx.db.transaction(async (tx) => {
    const version = await findTemplateVersion(tx, ctx.orgId, data.template_id, data.template_version);
    const { deployment, gatewayCount } = await insertDeployment(tx, ctx, {
      name: data.name ?? `${version.templateName} v${version.version}`,
      version,
      target: data.target,
      strategy: data.strategy,
    });
    await recordAudit(tx, ctx, {
      action: "deployment.create",
      targetType: "deployment",
      targetId: deployment.id,
      details: {
        name: deployment.name,
        template_id: version.templateId,
        template_version: version.version,
        target: data.target,
        strategy: deployment.strategy,
        gateways: gatewayCount,
      },
    });
    return {
      id: deployment.id,
      name: deployment.name,
      status: deployment.status,
      gateway_count: gatewayCount,
      template_version: version.version,
    };
  });
}
