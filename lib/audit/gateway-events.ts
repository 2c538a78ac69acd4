import { and, desc, eq, or } from "drizzle-orm";
import { auditLog } from "../db/schema";
import type { Ctx } from "../auth/context";

/** The newest audit rows about one gateway: what people did to it, and what it did itself (actor "gateway:<id>"). */
export async function listGatewayEvents(ctx: Ctx, gatewayId: string, limit = 20) {
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      actor: auditLog.actor,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, ctx.orgId),
        or(
          and(eq(auditLog.targetType, "gateway"), eq(auditLog.targetId, gatewayId)),
          eq(auditLog.actor, `gateway:${gatewayId}`),
        ),
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(Math.min(Math.max(limit, 1), 100));
  return rows.map((r) => ({
    id: r.id,
    actor: r.actor,
    action: r.action,
    details: r.details,
    created_at: r.createdAt.toISOString(),
  }));
}
