import { inArray } from "drizzle-orm";
import { gatewayRoutes } from "../db/schema";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { claimCluster } from "./binding";
import { syncIngressesInput, type SyncIngressesInput } from "./schemas";
import { expandSync, routeKey, sameRoute } from "./expand";
import {
  assertNoHostnameConflicts,
  clusterRoutes,
  lockOrgRoutes,
  recordClusterState,
  upsertRoutes,
  type RoutesCtx,
} from "./store";

/**
 * Makes the cluster's stored routes exactly the request's set, in one transaction: new and changed routes are
 * written, routes of the cluster not in the request are removed. Any hostname held by another cluster fails
 * the whole sync with 409 and changes nothing.
 */
export async function syncIngresses(ctx: RoutesCtx, input: SyncIngressesInput) {
  requireRole(ctx, "ingress_routes.sync");
  const data = parseWith(syncIngressesInput, input);
  const specs = expandSync(data);
  const gatewayId = ctx.gatewayId ?? null;
  return ctx.db.transaction(async (tx) => {
    await lockOrgRoutes(tx, ctx.orgId);
    await claimCluster(tx, ctx, data.cluster_uuid);
    await assertNoHostnameConflicts(tx, ctx.orgId, data.cluster_uuid, [...new Set(specs.map((s) => s.hostname))]);
    const existing = await tx.select().from(gatewayRoutes).where(clusterRoutes(ctx.orgId, data.cluster_uuid));
    const byKey = new Map(existing.map((r) => [routeKey(r), r]));
    const wanted = new Set(specs.map(routeKey));
    const stale = existing.filter((r) => !wanted.has(routeKey(r)));
    const created = specs.filter((s) => !byKey.has(routeKey(s)));
    const updated = specs.filter((s) => byKey.has(routeKey(s)) && !sameRoute(byKey.get(routeKey(s))!, s, gatewayId));
    if (stale.length > 0)
      await tx.delete(gatewayRoutes).where(
        inArray(
          gatewayRoutes.id,
          stale.map((r) => r.id),
        ),
      );
    await upsertRoutes(tx, ctx, [...created, ...updated]);
    const cluster = await recordClusterState(tx, ctx, data.cluster_uuid, {
      routingMode: data.routing_mode,
      publicEndpoint: data.public_endpoint,
    });
    const counts = {
      created: created.length,
      updated: updated.length,
      removed: stale.length,
      unchanged: specs.length - created.length - updated.length,
    };
    // The periodic re-sync repeats an identical set every few minutes; only real changes are audited.
    if (counts.created + counts.updated + counts.removed > 0) {
      await recordAudit(tx, ctx, {
        action: "route.sync",
        targetType: "cluster",
        targetId: data.cluster_uuid,
        details: { cluster_uuid: data.cluster_uuid, ...counts },
      });
    }
    return {
      cluster_uuid: data.cluster_uuid,
      routing_mode: data.routing_mode,
      route_count: cluster.route_count,
      ...counts,
      cluster,
    };
  });
}
