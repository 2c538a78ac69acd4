import { and, eq } from "drizzle-orm";
import { gatewayRoutes } from "../db/schema";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { claimCluster } from "./binding";
import { registerRouteInput, type RegisterRouteInput } from "./schemas";
import { sameRoute, specFromRegister } from "./expand";
import { assertNoHostnameConflicts, lockOrgRoutes, recordClusterState, upsertRoutes, type RoutesCtx } from "./store";
import { toRouteJson } from "./serialize";
import { metrics } from "../metrics/registry";

/**
 * Upserts one route by (org, hostname, path). Idempotent: the same request again changes nothing and answers
 * "unchanged". A hostname held by another cluster of the org is a 409.
 */
export async function registerRoute(ctx: RoutesCtx, input: RegisterRouteInput) {
  try {
    const out = await register(ctx, input);
    metrics().routeRegistrations.inc({ status: out.result });
    return out;
  } catch (err) {
    metrics().routeRegistrations.inc({ status: "error" });
    throw err;
  }
}

async function register(ctx: RoutesCtx, input: RegisterRouteInput) {
  requireRole(ctx, "ingress_routes.register");
  const spec = specFromRegister(parseWith(registerRouteInput, input));
  return ctx.db.transaction(async (tx) => {
    await lockOrgRoutes(tx, ctx.orgId);
    await claimCluster(tx, ctx, spec.clusterUuid);
    await assertNoHostnameConflicts(tx, ctx.orgId, spec.clusterUuid, [spec.hostname]);
    const [existing] = await tx
      .select()
      .from(gatewayRoutes)
      .where(
        and(
          eq(gatewayRoutes.orgId, ctx.orgId),
          eq(gatewayRoutes.hostname, spec.hostname),
          eq(gatewayRoutes.path, spec.path),
        ),
      );
    const gatewayId = ctx.gatewayId ?? null;
    const result = !existing ? "created" : sameRoute(existing, spec, gatewayId) ? "unchanged" : "updated";
    const row = result === "unchanged" ? existing : (await upsertRoutes(tx, ctx, [spec]))[0];
    const cluster = await recordClusterState(tx, ctx, spec.clusterUuid, spec);
    // Agents re-register on every ingress event; only real changes are worth an audit row.
    if (result !== "unchanged") {
      await recordAudit(tx, ctx, {
        action: `route.${result === "created" ? "register" : "update"}`,
        targetType: "gateway_route",
        targetId: row.id,
        details: { hostname: spec.hostname, path: spec.path, cluster_uuid: spec.clusterUuid },
      });
    }
    return { result, route: toRouteJson(row), cluster };
  });
}
