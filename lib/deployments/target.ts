import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { agentTags, gateways, type DeploymentTarget } from "../db/schema";
import type { Queryable } from "../db/client";

export type TargetGateway = { id: string; orgId: string; instanceId: string; name: string };

/** SQL condition on `gateways`: every selector term must be one of the gateway's tags (null value = any value). */
export function selectorCondition(selector: Record<string, string | null>): SQL {
  const terms = Object.entries(selector).map(
    ([key, value]) =>
      sql`exists (select 1 from ${agentTags} where ${agentTags.gatewayId} = ${gateways.id} and ${agentTags.key} = ${key}${
        value === null ? sql`` : sql` and ${agentTags.value} = ${value}`
      })`,
  );
  return and(...terms)!;
}

/** The org's gateways a target names: explicit ids (others' ids simply do not match) or a tag selector. */
export function targetCondition(orgId: string, target: DeploymentTarget): SQL {
  const scope = eq(gateways.orgId, orgId);
  if (target.gateway_ids) return and(scope, inArray(gateways.id, target.gateway_ids))!;
  return and(scope, selectorCondition(target.selector ?? {}))!;
}

const gatewayColumns = { id: gateways.id, orgId: gateways.orgId, instanceId: gateways.instanceId, name: gateways.name };

/** Every matching gateway, in a stable order (name, then id) so batches are predictable. */
export async function matchTarget(db: Queryable, orgId: string, target: DeploymentTarget): Promise<TargetGateway[]> {
  return db
    .select(gatewayColumns)
    .from(gateways)
    .where(targetCondition(orgId, target))
    .orderBy(asc(gateways.name), asc(gateways.id));
}

/** How many gateways match, and the first `limit` of them (for "matches 37 gateways" previews). */
export async function previewTarget(db: Queryable, orgId: string, target: DeploymentTarget, limit = 50) {
  const where = targetCondition(orgId, target);
  const [{ n }] = await db.select({ n: count() }).from(gateways).where(where);
  const first = await db
    .select({ ...gatewayColumns, status: gateways.status, connectionState: gateways.connectionState })
    .from(gateways)
    .where(where)
    .orderBy(asc(gateways.name), asc(gateways.id))
    .limit(limit);
  return { count: Number(n), gateways: first };
}
