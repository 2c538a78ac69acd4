import { auditLog } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";

/** Writes one audit row; call it inside the same transaction as the change it records. */
export async function recordAudit(
  tx: Queryable,
  ctx: Pick<Ctx, "orgId" | "actor">,
  entry: { action: string; targetType: string; targetId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}
