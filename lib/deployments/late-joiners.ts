import { and, inArray, sql } from "drizzle-orm";
import { deploymentGateways, gateways, type DeploymentTarget } from "../db/schema";
import type { Tx } from "../db/client";
import { targetCondition } from "./target";
import { releaseRows, type DeploymentRef } from "./release";
import { insertNewRows } from "../db/insert-new";

const MAX_PER_TICK = 1000;

/**
 * Gateways that match a selector deployment's target but have no row in it yet (registered or tagged after it
 * started) join its current batch and get its config at once. Explicit gateway lists never grow.
 */
export async function assignLateJoiners(
  tx: Tx,
  d: DeploymentRef & { target: DeploymentTarget; currentBatch: number },
): Promise<string[]> {
  if (!d.target.selector) return [];
  const joiners = await tx
    .select({ id: gateways.id })
    .from(gateways)
    .where(
      and(
        targetCondition(d.orgId, d.target),
        sql`not exists (select 1 from ${deploymentGateways} where ${deploymentGateways.deploymentId} = ${d.id} and ${deploymentGateways.gatewayId} = ${gateways.id})`,
      ),
    )
    .limit(MAX_PER_TICK);
  if (!joiners.length) return [];
  const ids = joiners.map((j) => j.id);
  await insertNewRows(
    tx,
    deploymentGateways,
    ids.map((gatewayId) => ({
      deploymentId: d.id,
      gatewayId,
      orgId: d.orgId,
      batch: d.currentBatch,
      details: { late_joiner: true },
    })),
  );
  await releaseRows(tx, d, inArray(deploymentGateways.gatewayId, ids));
  return ids;
}
