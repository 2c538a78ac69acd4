import { and, asc, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import { deploymentGateways, deployments, gateways, templates, templateVersions } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { deploymentGatewaysQuery, listDeploymentsQuery, ROLLOUT_STATUSES } from "./schemas";
import { supersededBy, takenOver } from "./release";
import { isUuid } from "../uuid";
import { evaluateGates, type GatesView } from "./gates";

export const DEPLOYMENT_NOT_FOUND = "Deployment not found";
/** A malformed id is just a deployment that does not exist. */
export function requireDeploymentId(id: string): string {
  if (!isUuid(id)) throw new NotFoundError(DEPLOYMENT_NOT_FOUND);
  return id;
}

export type Progress = Record<(typeof ROLLOUT_STATUSES)[number], number> & {
  total: number;
  superseded: number;
  batches: number;
};

const emptyProgress = (): Progress => ({
  total: 0,
  pending: 0,
  sent: 0,
  applying: 0,
  applied: 0,
  failed: 0,
  timeout: 0,
  superseded: 0,
  batches: 0,
});

/** Per-gateway status counts of deployments; rows a newer deployment took over count only as `superseded`. */
export async function deploymentProgress(db: Queryable, ids: string[]): Promise<Map<string, Progress>> {
  const out = new Map(ids.map((id) => [id, emptyProgress()]));
  if (!ids.length) return out;
  const rows = await db
    .select({
      deploymentId: deploymentGateways.deploymentId,
      status: deploymentGateways.status,
      superseded: sql<boolean>`${takenOver()}`,
      n: count(),
      lastBatch: max(deploymentGateways.batch),
    })
    .from(deploymentGateways)
    .where(inArray(deploymentGateways.deploymentId, ids))
    .groupBy(deploymentGateways.deploymentId, deploymentGateways.status, sql`3`);
  for (const r of rows) {
    const p = out.get(r.deploymentId)!;
    const n = Number(r.n);
    p.total += n;
    if (r.superseded) p.superseded += n;
    else p[r.status] += n;
    p.batches = Math.max(p.batches, Number(r.lastBatch ?? -1) + 1);
  }
  return out;
}

const deploymentColumns = {
  id: deployments.id,
  name: deployments.name,
  status: deployments.status,
  target: deployments.target,
  strategy: deployments.strategy,
  currentBatch: deployments.currentBatch,
  rollbackOf: deployments.rollbackOf,
  gateVerdict: deployments.gateVerdict,
  createdBy: deployments.createdBy,
  createdAt: deployments.createdAt,
  startedAt: deployments.startedAt,
  finishedAt: deployments.finishedAt,
  templateId: deployments.templateId,
  templateName: templates.name,
  templateVersion: templateVersions.version,
};
const baseQuery = (db: Queryable) =>
  db
    .select(deploymentColumns)
    .from(deployments)
    .innerJoin(templates, eq(templates.id, deployments.templateId))
    .innerJoin(templateVersions, eq(templateVersions.id, deployments.templateVersionId));
type DeploymentRow = Awaited<ReturnType<typeof baseQuery>>[number];

function view(d: DeploymentRow, progress: Progress) {
  return {
    id: d.id,
    name: d.name,
    status: d.status,
    target: d.target,
    strategy: d.strategy,
    template: { id: d.templateId, name: d.templateName, version: d.templateVersion },
    current_batch: d.currentBatch,
    rollback_of: d.rollbackOf,
    created_by: d.createdBy,
    created_at: d.createdAt,
    started_at: d.startedAt,
    finished_at: d.finishedAt,
    progress,
  };
}
export type DeploymentView = ReturnType<typeof view>;

/** A page of the org's deployments, newest first, with progress counts. */
export async function listDeployments(ctx: Ctx, query: Record<string, unknown> = {}) {
  const q = parseWith(listDeploymentsQuery, query);
  const where = and(eq(deployments.orgId, ctx.orgId), q.status ? eq(deployments.status, q.status) : undefined);
  const [{ n }] = await ctx.db.select({ n: count() }).from(deployments).where(where);
  const rows = await baseQuery(ctx.db)
    .where(where)
    .orderBy(desc(deployments.createdAt), desc(deployments.id))
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
  const progress = await deploymentProgress(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(r, progress.get(r.id)!)), total: Number(n), page: q.page, limit: q.limit };
}

/**
 * One of the org's deployments with progress counts and, when its strategy has gates, the current batch's gates
 * as measured now; 404 for anything else.
 */
export async function getDeployment(ctx: Ctx, id: string) {
  const [row] = await baseQuery(ctx.db).where(
    and(eq(deployments.id, requireDeploymentId(id)), eq(deployments.orgId, ctx.orgId)),
  );
  if (!row) throw new NotFoundError(DEPLOYMENT_NOT_FOUND);
  // A rollout still moving is measured now; otherwise the engine's last verdict shows what decided it.
  const kept = row.gateVerdict as GatesView | null;
  const gates = row.status !== "in_progress" && kept ? kept : await evaluateGates(ctx.db, row, row.currentBatch);
  return { ...view(row, (await deploymentProgress(ctx.db, [id])).get(id)!), gates };
}

/** A page of a deployment's per-gateway rows: batch order, then gateway name. */
export async function listDeploymentGateways(ctx: Ctx, id: string, query: Record<string, unknown> = {}) {
  const q = parseWith(deploymentGatewaysQuery, query);
  const where = and(
    eq(deploymentGateways.deploymentId, requireDeploymentId(id)),
    eq(deploymentGateways.orgId, ctx.orgId),
    q.status ? eq(deploymentGateways.status, q.status) : undefined,
  );
  const [{ n }] = await ctx.db.select({ n: count() }).from(deploymentGateways).where(where);
  const rows = await ctx.db
    .select({
      gatewayId: deploymentGateways.gatewayId,
      name: gateways.name,
      instanceId: gateways.instanceId,
      connectionState: gateways.connectionState,
      batch: deploymentGateways.batch,
      status: deploymentGateways.status,
      errorMessage: deploymentGateways.errorMessage,
      configHash: deploymentGateways.configHash,
      releasedAt: deploymentGateways.releasedAt,
      sentAt: deploymentGateways.sentAt,
      finishedAt: deploymentGateways.finishedAt,
      supersededBy: supersededBy(),
    })
    .from(deploymentGateways)
    .innerJoin(gateways, eq(gateways.id, deploymentGateways.gatewayId))
    .where(where)
    .orderBy(asc(deploymentGateways.batch), asc(gateways.name), asc(gateways.id))
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
  const items = rows.map((r) => ({
    gateway_id: r.gatewayId,
    name: r.name,
    instance_id: r.instanceId,
    connection_state: r.connectionState,
    batch: r.batch,
    status: r.status,
    error_message: r.errorMessage,
    config_hash: r.configHash,
    released_at: r.releasedAt,
    sent_at: r.sentAt,
    finished_at: r.finishedAt,
    superseded_by: r.supersededBy,
  }));
  return { items, total: Number(n), page: q.page, limit: q.limit };
}
