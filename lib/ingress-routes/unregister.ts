import { and, eq, inArray, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { clusterBindings, gatewayRoutes, gateways } from "../db/schema";
import type { Tx } from "../db/client";
import { requireRole } from "../auth/roles";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { unregisterRouteInput, type UnregisterRouteInput } from "./schemas";
import { lockOrgRoutes, recordClusterState, type RoutesCtx } from "./store";

/**
 * Which routes a caller may unregister. A gateway: those of its clusters (the cluster it last reported, and
 * any cluster it has routes in), never of a cluster bound to another gateway. An org member or API key: the whole
 * organization.
 */
async function callerScope(tx: Tx, ctx: RoutesCtx): Promise<SQL | undefined> {
  if (!ctx.gatewayId) return undefined;
  const [gw] = await tx
    .select({ cluster: sql<string | null>`${gateways.extraMetadata} #>> '{routes,cluster_uuid}'` })
    .from(gateways)
    .where(eq(gateways.id, ctx.gatewayId));
  const own = tx
    .selectDistinct({ c: gatewayRoutes.clusterUuid })
    .from(gatewayRoutes)
    .where(and(eq(gatewayRoutes.orgId, ctx.orgId), eq(gatewayRoutes.gatewayId, ctx.gatewayId)));
  const boundElsewhere = tx
    .select({ c: clusterBindings.clusterUuid })
    .from(clusterBindings)
    .where(and(eq(clusterBindings.orgId, ctx.orgId), ne(clusterBindings.gatewayId, ctx.gatewayId)));
  return and(
    or(inArray(gatewayRoutes.clusterUuid, own), gw?.cluster ? eq(gatewayRoutes.clusterUuid, gw.cluster) : undefined),
    notInArray(gatewayRoutes.clusterUuid, boundElsewhere),
  );
}

/** Removes every path of a hostname from the caller's clusters (an ingress was deleted). 404 when there is none. */
export async function unregisterRoute(ctx: RoutesCtx, input: UnregisterRouteInput) {
  requireRole(ctx, "ingress_routes.unregister");
  const data = parseWith(unregisterRouteInput, input);
  return ctx.db.transaction(async (tx) => {
    await lockOrgRoutes(tx, ctx.orgId);
    const where = and(
      eq(gatewayRoutes.orgId, ctx.orgId),
      eq(gatewayRoutes.hostname, data.hostname),
      data.cluster_uuid ? eq(gatewayRoutes.clusterUuid, data.cluster_uuid) : undefined,
      await callerScope(tx, ctx),
    );
    const removed = await tx
      .delete(gatewayRoutes)
      .where(where)
      .returning({ clusterUuid: gatewayRoutes.clusterUuid, path: gatewayRoutes.path });
    if (removed.length === 0) {
      const scope = ctx.gatewayId
        ? "this gateway's clusters"
        : data.cluster_uuid
          ? `cluster "${data.cluster_uuid}"`
          : "this organization";
      throw new NotFoundError(`No route for hostname "${data.hostname}" is registered in ${scope}`);
    }
    const clusters = [...new Set(removed.map((r) => r.clusterUuid))];
    for (const c of clusters) await recordClusterState(tx, ctx, c);
    await recordAudit(tx, ctx, {
      action: "route.unregister",
      targetType: "gateway_route",
      targetId: data.hostname,
      details: { hostname: data.hostname, clusters, paths: removed.map((r) => r.path) },
    });
    return { hostname: data.hostname, removed: removed.length, cluster_uuids: clusters };
  });
}
