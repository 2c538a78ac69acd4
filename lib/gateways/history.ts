import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, gatewayEvents } from "../db/schema";
import type { Queryable } from "../db/client";
import { rowCount } from "../db/lists";
import type { Ctx } from "../auth/context";
import { parseWith } from "../http/parse";
import { pageQuery } from "../http/pagination";
import { findGatewayOr404 } from "./lookup";
import { describeGatewayEvent } from "./history-text";

/** What the server records about a gateway by itself (see describeGatewayEvent for the words). */
export type GatewayEventKind =
  | "connected"
  | "disconnected"
  | "config_sent"
  | "config_applied"
  | "config_failed"
  | "health_unhealthy"
  | "health_recovered"
  | "restarted"
  | "restart_sent";

export type GatewayEvent = { gatewayId: string; kind: GatewayEventKind; details?: Record<string, unknown> };

/** Many gateways' events in one statement; the org comes from the gateway row (a deleted gateway's are dropped). */
export async function recordGatewayEvents(db: Queryable, events: GatewayEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(events.map((e) => ({ id: e.gatewayId, kind: e.kind, details: e.details ?? {} })));
  await db.execute(sql`
    insert into gateway_events (gateway_id, org_id, kind, details)
    select g.id, g.org_id, v.kind, v.details
    from (select * from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, kind text, details jsonb) ${rowCount(events)}) v
    join gateways g on g.id = v.id`);
}

/** History older than this is deleted by the server (hourly, see OpampHub). */
export const HISTORY_RETENTION_DAYS = 90;

export async function pruneGatewayEvents(db: Queryable, days = HISTORY_RETENTION_DAYS): Promise<void> {
  await db.delete(gatewayEvents).where(lt(gatewayEvents.createdAt, new Date(Date.now() - days * 86_400_000)));
}

export const gatewayHistoryQuery = pageQuery({ maxLimit: 200, defaultLimit: 50 });
export type GatewayHistoryQuery = z.input<typeof gatewayHistoryQuery>;

/**
 * One page of a gateway's history, newest first: what the server saw (gateway_events) and what people and the
 * gateway did to it (audit rows), each with a sentence for people.
 */
export async function listGatewayHistory(ctx: Ctx, gatewayId: string, query: GatewayHistoryQuery = {}) {
  const { page, limit } = parseWith(gatewayHistoryQuery, query);
  await findGatewayOr404(ctx.db, ctx.orgId, gatewayId);
  const seenWhere = and(eq(gatewayEvents.orgId, ctx.orgId), eq(gatewayEvents.gatewayId, gatewayId));
  const auditWhere = and(
    eq(auditLog.orgId, ctx.orgId),
    or(
      and(eq(auditLog.targetType, "gateway"), eq(auditLog.targetId, gatewayId)),
      eq(auditLog.actor, `gateway:${gatewayId}`),
    ),
  );
  // Padded, so ids of events written in one statement (same created_at) still sort in insertion order.
  const seen = ctx.db
    .select({
      id: sql<string>`'e' || lpad(${gatewayEvents.id}::text, 19, '0')`.as("id"),
      kind: gatewayEvents.kind,
      actor: sql<string>`'system'`.as("actor"),
      details: gatewayEvents.details,
      createdAt: gatewayEvents.createdAt,
    })
    .from(gatewayEvents)
    .where(seenWhere);
  const audited = ctx.db
    .select({
      id: sql<string>`${auditLog.id}::text`.as("id"),
      kind: auditLog.action,
      actor: auditLog.actor,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(auditWhere);
  // The page and its total come from one statement (one snapshot): an event written between two separate
  // queries would otherwise make the total disagree with the rows.
  const history = seen.unionAll(audited).as("history");
  const rows = await ctx.db
    .select({
      id: history.id,
      kind: history.kind,
      actor: history.actor,
      details: history.details,
      createdAt: history.createdAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(history)
    .orderBy(desc(history.createdAt), desc(history.id))
    .limit(limit)
    .offset((page - 1) * limit);
  // Past the last page there is no row to carry the total.
  const total =
    rows[0]?.total ?? (await ctx.db.$count(gatewayEvents, seenWhere)) + (await ctx.db.$count(auditLog, auditWhere));
  const items = rows.map((r) => {
    const createdAt = new Date(r.createdAt);
    return {
      id: r.id,
      kind: r.kind,
      actor: r.actor,
      message: describeGatewayEvent(r.kind, r.details, r.actor),
      details: r.details,
      created_at: createdAt.toISOString(),
    };
  });
  return { items, total: Number(total), page, limit };
}

/**
 * The reason of the last failed config apply, while no later apply succeeded (a failure stays visible until then).
 */
export async function lastApplyFailure(db: Queryable, orgId: string, gatewayId: string) {
  const [last] = await db
    .select({ kind: gatewayEvents.kind, details: gatewayEvents.details, createdAt: gatewayEvents.createdAt })
    .from(gatewayEvents)
    .where(
      and(
        eq(gatewayEvents.orgId, orgId),
        eq(gatewayEvents.gatewayId, gatewayId),
        inArray(gatewayEvents.kind, ["config_applied", "config_failed"]),
      ),
    )
    .orderBy(desc(gatewayEvents.createdAt), desc(gatewayEvents.id))
    .limit(1);
  if (!last || last.kind !== "config_failed") return null;
  const d = last.details;
  return {
    error_message: typeof d.error === "string" ? d.error : null,
    config_hash: typeof d.hash === "string" ? d.hash : null,
    failed_at: last.createdAt.toISOString(),
  };
}
