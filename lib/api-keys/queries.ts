import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../db/schema";
import type { Db } from "../db/client";
import type { Ctx } from "../auth/context";
import { API_KEY_PREFIX, hashApiKey } from "./create";

export async function listApiKeys(ctx: Ctx) {
  return ctx.db
    .select({
      id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, ctx.orgId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Looks up an active key by its hash (equality on a SHA-256 digest leaks nothing useful about the key). */
export async function verifyApiKey(db: Db, key: string) {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const [row] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  // Coarse last-used tracking: at most one write per key per minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  }
  return row;
}
