import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { revokeOwned } from "../audit/revoke-owned";

export async function revokeApiKey(ctx: Ctx, id: string) {
  requireRole(ctx, "api_keys.revoke");
  return revokeOwned(ctx, id, { label: "API key", action: "api_key.revoke", targetType: "api_key" }, (tx) =>
    tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, ctx.orgId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name }),
  );
}
