import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { NotFoundError } from "../errors";
import { recordAudit } from "../audit/record";
import { isUuid } from "../uuid";

export async function revokeApiKey(ctx: Ctx, id: string) {
  requireRole(ctx, "api_keys.revoke");
  if (!isUuid(id)) throw new NotFoundError("API key not found");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, ctx.orgId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (!row) throw new NotFoundError("API key not found");
    await recordAudit(tx, ctx, { action: "api_key.revoke", targetType: "api_key", targetId: id, details: { name: row.name } });
    return row;
  });
}
