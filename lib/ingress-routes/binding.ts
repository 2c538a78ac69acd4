import { and, asc, eq, isNotNull } from "drizzle-orm";
import { clusterBindings, gatewayRoutes } from "../db/schema";
import type { Tx } from "../db/client";
import { requireRole } from "../auth/roles";
import { ForbiddenError, NotFoundError } from "../errors";
import { recordAudit } from "../audit/record";
import { clusterRoutes, type RoutesCtx } from "./store";

const byCluster = (orgId: string, clusterUuid: string) =>
  and(eq(clusterBindings.orgId, orgId), eq(clusterBindings.clusterUuid, clusterUuid));

/**
 * A gateway may write only the clusters bound to it. The first gateway to report a cluster gets it (for routes
 * stored before bindings existed: the gateway that reported its oldest route); another gateway's write is a 403
 * until an operator releases the cluster. Members and API keys are not bound. Runs under lockOrgRoutes.
 */
export async function claimCluster(tx: Tx, ctx: RoutesCtx, clusterUuid: string): Promise<void> {
  if (!ctx.gatewayId) return;
  let [bound] = await tx.select().from(clusterBindings).where(byCluster(ctx.orgId, clusterUuid));
  if (!bound) {
    const [first] = await tx
      .select({ gatewayId: gatewayRoutes.gatewayId })
      .from(gatewayRoutes)
      .where(and(clusterRoutes(ctx.orgId, clusterUuid), isNotNull(gatewayRoutes.gatewayId)))
      .orderBy(asc(gatewayRoutes.createdAt))
      .limit(1);
    [bound] = await tx
      .insert(clusterBindings)
      .values({ orgId: ctx.orgId, clusterUuid, gatewayId: first?.gatewayId ?? ctx.gatewayId })
      .returning();
  }
  if (bound.gatewayId !== ctx.gatewayId)
    throw new ForbiddenError(
      `Cluster "${clusterUuid}" is bound to another gateway; an operator must release it before this gateway can write its routes`,
      { cluster_uuid: clusterUuid, bound_gateway_id: bound.gatewayId },
    );
}

/** An operator frees a cluster from its gateway (it moved, or was re-installed): the next gateway to write it binds it. */
export async function releaseCluster(ctx: RoutesCtx, clusterUuid: string) {
  requireRole(ctx, "ingress_routes.release");
  if (ctx.gatewayId) throw new ForbiddenError("Only an operator can release a cluster, not a gateway");
  return ctx.db.transaction(async (tx) => {
    const [released] = await tx.delete(clusterBindings).where(byCluster(ctx.orgId, clusterUuid)).returning();
    if (!released) throw new NotFoundError(`Cluster "${clusterUuid}" is not bound to a gateway`);
    // Its routes no longer speak for the old gateway, or claimCluster would bind it to that gateway again.
    await tx.update(gatewayRoutes).set({ gatewayId: null }).where(clusterRoutes(ctx.orgId, clusterUuid));
    await recordAudit(tx, ctx, {
      action: "route.cluster_release",
      targetType: "cluster",
      targetId: clusterUuid,
      details: { cluster_uuid: clusterUuid, gateway_id: released.gatewayId },
    });
    return { cluster_uuid: clusterUuid, released_gateway_id: released.gatewayId };
  });
}
