import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { escapeLike } from "../db/like";
import { gatewayRoutes } from "../db/schema";
import type { Ctx } from "../auth/context";
import { parseWith } from "../http/parse";
import { clusterUuidSchema, listRoutesQuery, type ListRoutesQuery } from "./schemas";
import { toRouteJson } from "./serialize";
import { clusterRoutes } from "./store";

const likeTerm = (q: string) => `%${escapeLike(q)}%`;

/** One page of the org's routes, with the total for pagination. Search matches hostname, cluster, namespace, service and ingress. */
export async function listRoutes(ctx: Ctx, query: ListRoutesQuery = {}) {
  const q = parseWith(listRoutesQuery, query);
  const term = q.q ? likeTerm(q.q) : null;
  const where = and(
    eq(gatewayRoutes.orgId, ctx.orgId),
    q.cluster_uuid ? eq(gatewayRoutes.clusterUuid, q.cluster_uuid) : undefined,
    q.routing_mode ? eq(gatewayRoutes.routingMode, q.routing_mode) : undefined,
    term
      ? or(
          ilike(gatewayRoutes.hostname, term),
          ilike(gatewayRoutes.clusterUuid, term),
          ilike(gatewayRoutes.namespace, term),
          ilike(gatewayRoutes.serviceName, term),
          ilike(gatewayRoutes.ingressName, term),
        )
      : undefined,
  );
  const [{ total }] = await ctx.db.select({ total: count() }).from(gatewayRoutes).where(where);
  const rows = await ctx.db
    .select()
    .from(gatewayRoutes)
    .where(where)
    .orderBy(asc(gatewayRoutes.hostname), asc(gatewayRoutes.path))
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
  return { items: rows.map(toRouteJson), total, page: q.page, limit: q.limit };
}

/** Every route of one cluster (what the agent believes FlowGate knows). Empty when the cluster has none. */
export async function listClusterRoutes(ctx: Ctx, clusterUuid: string) {
  const cluster = parseWith(clusterUuidSchema, clusterUuid);
  const rows = await ctx.db
    .select()
    .from(gatewayRoutes)
    .where(clusterRoutes(ctx.orgId, cluster))
    .orderBy(asc(gatewayRoutes.hostname), asc(gatewayRoutes.path));
  return { cluster_uuid: cluster, route_count: rows.length, routes: rows.map(toRouteJson) };
}

/** The org's clusters with their route counts (for the Routes page's cluster filter). */
export async function listRouteClusters(ctx: Ctx) {
  return ctx.db
    .select({ cluster_uuid: gatewayRoutes.clusterUuid, route_count: sql<number>`count(*)::int` })
    .from(gatewayRoutes)
    .where(eq(gatewayRoutes.orgId, ctx.orgId))
    .groupBy(gatewayRoutes.clusterUuid)
    .orderBy(desc(sql`count(*)`), asc(gatewayRoutes.clusterUuid));
}
