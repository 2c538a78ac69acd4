import { and, eq, inArray, isNull, not, sql, type SQL } from "drizzle-orm";
import { deploymentGateways, deployments, gateways } from "../db/schema";
import type { Queryable } from "../db/client";
import { renderConfig } from "../config-distribution/desired";
import { usesGatewayVariables, type GatewayVariables } from "../config-distribution/render";
import { publishAgentEvent } from "../events/bus";
import { recordAudit } from "../audit/record";
import { NOT_EFFECTIVE, SUPERSEDABLE } from "./transitions";

const notEffective = sql.raw(NOT_EFFECTIVE.map((s) => `'${s}'`).join(", "));

export type DeploymentRef = { id: string; orgId: string; content: string };

const newerEffective = (deploymentId: string | SQL) => sql`
    from deployment_gateways n join deployments nd on nd.id = n.deployment_id
    where n.gateway_id = ${deploymentGateways.gatewayId} and n.released_at is not null
      and nd.status not in (${notEffective})
      and (nd.created_at, nd.id) > (select d0.created_at, d0.id from deployments d0 where d0.id = ${deploymentId})`;

/**
 * True for a row of this deployment (default: the row's own) whose gateway a newer, still effective deployment has
 * reached: by the overlap rule that newer deployment is now the gateway's desired config, so this row no longer
 * counts for progress. Same ordering as resolveDesiredConfig: (created_at, id).
 */
export function takenOver(deploymentId: string | SQL = sql`${deploymentGateways.deploymentId}`): SQL {
  return sql`exists (select 1 ${newerEffective(deploymentId)})`;
}

/** The newest deployment that took a row's gateway over, or null. */
export function supersededBy(): SQL<string | null> {
  return sql<
    string | null
  >`(select nd.id ${newerEffective(sql`${deploymentGateways.deploymentId}`)} order by nd.created_at desc, nd.id desc limit 1)`;
}

/**
 * Each gateway's config hash for this deployment, exactly what resolveDesiredConfig will render: one rendering
 * for all of them unless the template uses per-gateway variables.
 */
export function configHashes(content: string, list: GatewayVariables[]): Array<{ g: string; h: string }> {
  const shared = list.length > 0 && !usesGatewayVariables(content) ? renderConfig(content, list[0]).hash : null;
  return list.map((g) => ({ g: g.id, h: shared ?? renderConfig(content, g).hash }));
}

/**
 * Releases rows of a deployment: computes each gateway's config hash, marks the rows released (the deployment
 * becomes their desired config) and announces it (announceRelease). Rows whose gateway a newer deployment already
 * reached stay unreleased. Returns the released gateway ids.
 */
export async function releaseRows(tx: Queryable, d: DeploymentRef, which: SQL): Promise<string[]> {
  const rows = await tx
    .select({ id: gateways.id, orgId: gateways.orgId, instanceId: gateways.instanceId, name: gateways.name })
    .from(deploymentGateways)
    .innerJoin(gateways, eq(gateways.id, deploymentGateways.gatewayId))
    .where(
      and(
        eq(deploymentGateways.deploymentId, d.id),
        isNull(deploymentGateways.releasedAt),
        which,
        not(takenOver(d.id)),
      ),
    );
  if (rows.length === 0) return [];
  await tx.execute(sql`
    update deployment_gateways dg set config_hash = v.h, released_at = now(), status = 'pending', error_message = null,
      sent_at = null, finished_at = null, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(configHashes(d.content, rows))}::jsonb) as v(g uuid, h text)
    where dg.deployment_id = ${d.id} and dg.gateway_id = v.g`);
  const released = rows.map((r) => r.id);
  await announceRelease(tx, d, released);
  return released;
}

/**
 * Rows of these gateways were just released, in the caller's transaction: the OpAMP hub hears of it once that
 * commits (so agents never get a config that was rolled back), and older deployments now fully taken over are
 * superseded.
 */
export async function announceRelease(tx: Queryable, d: DeploymentRef, gatewayIds: string[]): Promise<void> {
  if (gatewayIds.length === 0) return;
  await publishAgentEvent(tx, { type: "config", gatewayIds });
  await supersedeOlder(tx, d);
}

/** Older deployments whose every gateway a newer one has now reached are `superseded`: they decide nothing any more. */
async function supersedeOlder(tx: Queryable, d: DeploymentRef) {
  const older = await tx
    .update(deployments)
    .set({ status: "superseded", finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(deployments.orgId, d.orgId),
        inArray(deployments.status, [...SUPERSEDABLE]),
        sql`(${deployments.createdAt}, ${deployments.id}) < (select d1.created_at, d1.id from deployments d1 where d1.id = ${d.id})`,
        sql`not exists (select 1 from ${deploymentGateways} where ${deploymentGateways.deploymentId} = ${deployments.id} and not ${takenOver()})`,
      ),
    )
    .returning({ id: deployments.id, name: deployments.name });
  for (const o of older) {
    await recordAudit(
      tx,
      { orgId: d.orgId, actor: "system:deployment-engine" },
      {
        action: "deployment.superseded",
        targetType: "deployment",
        targetId: o.id,
        details: { name: o.name, superseded_by: d.id },
      },
    );
  }
}

/** Releases one batch of a deployment. */
export function releaseBatch(tx: Queryable, d: DeploymentRef, batch: number): Promise<string[]> {
  return releaseRows(tx, d, eq(deploymentGateways.batch, batch));
}
