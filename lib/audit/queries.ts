import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog } from "../db/schema";
import type { Ctx } from "../auth/context";

export async function listAuditLog(ctx: Ctx, opts: { limit?: number; before?: Date } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, ctx.orgId), opts.before ? lt(auditLog.createdAt, opts.before) : undefined))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}
