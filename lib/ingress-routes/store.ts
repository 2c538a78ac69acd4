import { and, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import { gatewayRoutes, gateways } from "../db/schema";
import type { Queryable, Tx } from "../db/client";
import type { Ctx } from "../auth/context";
import { ConflictError } from "../errors";
import type { RouteSpec } from "./expand";
import type { RoutingMode } from "./schemas";

/** A route verb's context: an org member, or a gateway (agent) authenticated by its OpAMP token. */
export type RoutesCtx = Ctx & { gatewayId?: string | null };

export type RouteRow = typeof gatewayRoutes.$inferSelect;

/** The org's routes of one cluster. */
export const clusterRoutes = (orgId: string, clusterUuid: string) =>
  and(eq(gatewayRoutes.orgId, orgId), eq(gatewayRoutes.clusterUuid, clusterUuid));

/**
 * Serializes route writes per organization for the rest of the transaction, so two clusters racing for one
 * hostname (on different paths, which the unique index cannot see) cannot both pass the conflict check.
 */
export async function lockOrgRoutes(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('flowgate.gateway_routes'), hashtext(${orgId}))`);
}

/** A hostname belongs to one cluster of the org: another cluster's claim is a 409 naming it, never a takeover. */
export async function assertNoHostnameConflicts(
  tx: Queryable,
  orgId: string,
  clusterUuid: string,
  hostnames: string[],
) {
  if (hostnames.length === 0) return;
  const rows = await tx
    .selectDistinct({ hostname: gatewayRoutes.hostname, clusterUuid: gatewayRoutes.clusterUuid })
    .from(gatewayRoutes)
    .where(
      and(
        eq(gatewayRoutes.orgId, orgId),
        ne(gatewayRoutes.clusterUuid, clusterUuid),
        inArray(gatewayRoutes.hostname, hostnames),
      ),
    )
    .orderBy(gatewayRoutes.hostname);
  if (rows.length === 0) return;
  const conflicts = rows.map((r) => ({ hostname: r.hostname, cluster_uuid: r.clusterUuid }));
  const listed = rows
    .slice(0, 5)
    .map((r) => `"${r.hostname}" (cluster "${r.clusterUuid}")`)
    .join(", ");
  const more = rows.length > 5 ? ` and ${rows.length - 5} more` : "";
  throw new ConflictError(
    rows.length === 1
      ? `Hostname "${rows[0].hostname}" is already registered by cluster "${rows[0].clusterUuid}" in this organization; unregister it there first`
      : `Hostnames already registered by other clusters of this organization: ${listed}${more}; unregister them there first`,
    { conflicts },
  );
}

const UPSERT_CHUNK = 500; // 13 columns a row stays far below PostgreSQL's 65535 bind parameters

/** Inserts or overwrites routes by (org, hostname, path); the caller has already ruled out other clusters' rows. */
export async function upsertRoutes(tx: Tx, ctx: RoutesCtx, specs: RouteSpec[]): Promise<RouteRow[]> {
  const out: RouteRow[] = [];
  const excluded = (col: string) => sql.raw(`excluded.${col}`);
  for (let i = 0; i < specs.length; i += UPSERT_CHUNK) {
    const values = specs
      .slice(i, i + UPSERT_CHUNK)
      .map((s) => ({ ...s, orgId: ctx.orgId, gatewayId: ctx.gatewayId ?? null }));
    const rows = await tx
      .insert(gatewayRoutes)
      .values(values)
      .onConflictDoUpdate({
        target: [gatewayRoutes.orgId, gatewayRoutes.hostname, gatewayRoutes.path],
        set: {
          clusterUuid: excluded("cluster_uuid"),
          gatewayId: excluded("gateway_id"),
          namespace: excluded("namespace"),
          serviceName: excluded("service_name"),
          servicePort: excluded("service_port"),
          ingressName: excluded("ingress_name"),
          pathType: excluded("path_type"),
          tls: excluded("tls"),
          annotations: excluded("annotations"),
          publicEndpoint: excluded("public_endpoint"),
          routingMode: excluded("routing_mode"),
          updatedAt: sql`now()`,
        },
      })
      .returning();
    out.push(...rows);
  }
  return out;
}

export type ClusterState = {
  cluster_uuid: string;
  route_count: number;
  routing_mode: RoutingMode | null;
  public_endpoint: string | null;
  last_sync_at: string;
};

/**
 * Monitoring: writes the cluster's route count and routing mode to `extra_metadata.routes` of the reporting
 * gateway and of every gateway of the org that last reported this cluster. `mode` is the request's; after an
 * unregister it comes from the newest remaining route, else the previous value is kept.
 */
export async function recordClusterState(
  tx: Tx,
  ctx: RoutesCtx,
  clusterUuid: string,
  mode?: { routingMode: RoutingMode; publicEndpoint: string | null },
): Promise<ClusterState> {
  const scope = clusterRoutes(ctx.orgId, clusterUuid);
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(gatewayRoutes)
    .where(scope);
  let current = mode;
  if (!current) {
    const [latest] = await tx.select().from(gatewayRoutes).where(scope).orderBy(desc(gatewayRoutes.updatedAt)).limit(1);
    if (latest) current = { routingMode: latest.routingMode, publicEndpoint: latest.publicEndpoint };
  }
  const patch: Record<string, unknown> = {
    cluster_uuid: clusterUuid,
    route_count: n,
    last_sync_at: new Date().toISOString(),
  };
  if (current) Object.assign(patch, { routing_mode: current.routingMode, public_endpoint: current.publicEndpoint });
  const reporters = or(
    sql`${gateways.extraMetadata} #>> '{routes,cluster_uuid}' = ${clusterUuid}`,
    ctx.gatewayId ? eq(gateways.id, ctx.gatewayId) : undefined,
  );
  await tx
    .update(gateways)
    .set({
      extraMetadata: sql`${gateways.extraMetadata} || jsonb_build_object('routes', coalesce(${gateways.extraMetadata} -> 'routes', '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb)`,
    })
    .where(and(eq(gateways.orgId, ctx.orgId), reporters));
  return {
    routing_mode: current?.routingMode ?? null,
    public_endpoint: current?.publicEndpoint ?? null,
    ...patch,
  } as ClusterState;
}
