import { and, desc, eq, gte, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { deploymentGateways, deployments } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findGatewayOr404 } from "../gateways/lookup";
import { parseWith } from "../http/parse";
import { timeWindowQuery } from "../timeseries/schemas";

/** Markers per answer: more than a chart can show apart. */
const MAX_MARKERS = 200;

export const deploymentMarkersQueryFields = z.object({
  from: z.string().optional().describe("ISO 8601 start (inclusive); default: an hour before `to`"),
  to: z.string().optional().describe("ISO 8601 end (exclusive); default: now"),
  gateway_id: z.string().optional().describe("Only deployments that target this gateway; default: the whole org"),
});

/**
 * The deployments created or finished within a window (those targeting one gateway, or the org's), for the
 * vertical markers on time axes: newest first, at most 200.
 */
export async function listDeploymentMarkers(ctx: Ctx, query: Record<string, string>) {
  const q = parseWith(deploymentMarkersQueryFields, query);
  const { from, to } = parseWith(timeWindowQuery, { from: q.from, to: q.to });
  const gateway = q.gateway_id ? await findGatewayOr404(ctx.db, ctx.orgId, q.gateway_id) : null;
  const rows = await ctx.db
    .select({
      id: deployments.id,
      name: deployments.name,
      status: deployments.status,
      createdAt: deployments.createdAt,
      finishedAt: deployments.finishedAt,
    })
    .from(deployments)
    .where(
      and(
        eq(deployments.orgId, ctx.orgId),
        or(
          and(gte(deployments.createdAt, from), lt(deployments.createdAt, to)),
          and(gte(deployments.finishedAt, from), lt(deployments.finishedAt, to)),
        ),
        gateway
          ? sql`exists (select 1 from ${deploymentGateways} where ${deploymentGateways.deploymentId} = ${deployments.id} and ${deploymentGateways.gatewayId} = ${gateway.id})`
          : undefined,
      ),
    )
    .orderBy(desc(deployments.createdAt))
    .limit(MAX_MARKERS);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      created_at: r.createdAt.toISOString(),
      finished_at: r.finishedAt?.toISOString() ?? null,
    })),
  };
}
