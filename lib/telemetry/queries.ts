import { and, asc, desc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { gatewayLogs } from "../db/schema";
import type { Ctx } from "../auth/context";
import { parseWith } from "../http/parse";
import { findGatewayOr404 } from "../gateways/lookup";
import { pageQuery } from "../http/pagination";

// Paged by `after_id` (a cursor), so only the limit of the usual page query applies.
export const listGatewayLogsQuery = pageQuery({ maxLimit: 1000, defaultLimit: 200 })
  .pick({ limit: true })
  .extend({
    after_id: z.coerce.number().int("after_id must be an integer").min(0, "after_id must be 0 or more").optional(),
  });
export type ListGatewayLogsQuery = z.input<typeof listGatewayLogsQuery>;

/**
 * A gateway's own log lines, oldest first. Without `after_id`: the newest `limit` lines (the tail). With it: the
 * `limit` lines right after that id, so a follower polling with `next_after_id` sees every line once, in order.
 * `next_after_id` is the last id returned (or the one passed in when nothing is new).
 */
export async function listGatewayLogs(ctx: Ctx, gatewayId: string, query: ListGatewayLogsQuery = {}) {
  const opts = parseWith(listGatewayLogsQuery, query);
  const gateway = await findGatewayOr404(ctx.db, ctx.orgId, gatewayId);
  const columns = {
    id: gatewayLogs.id,
    timestamp: gatewayLogs.timestamp,
    severity: gatewayLogs.severity,
    body: gatewayLogs.body,
    attributes: gatewayLogs.attributes,
  };
  const own = and(eq(gatewayLogs.gatewayId, gateway.id), eq(gatewayLogs.orgId, ctx.orgId));
  const rows =
    opts.after_id === undefined
      ? (
          await ctx.db.select(columns).from(gatewayLogs).where(own).orderBy(desc(gatewayLogs.id)).limit(opts.limit)
        ).reverse()
      : await ctx.db
          .select(columns)
          .from(gatewayLogs)
          .where(and(own, gt(gatewayLogs.id, opts.after_id)))
          .orderBy(asc(gatewayLogs.id))
          .limit(opts.limit);
  return { items: rows, next_after_id: rows.length ? rows[rows.length - 1].id : (opts.after_id ?? 0) };
}
