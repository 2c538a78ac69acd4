import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "../db/schema";
import type { Db } from "../db/client";
import type { Ctx } from "../auth/context";
import { pageOf } from "../db/page";
import { parseWith } from "../http/parse";
import { pageQuery } from "../http/pagination";
import { API_KEY_PREFIX, hashApiKey } from "./create";

export const listApiKeysQuery = pageQuery({ maxLimit: 200, defaultLimit: 50 });
export type ListApiKeysQuery = z.input<typeof listApiKeysQuery>;

/** One page of the org's API keys, newest first (never the key or its hash). */
export async function listApiKeys(ctx: Ctx, query: ListApiKeysQuery = {}) {
  const { page, limit } = parseWith(listApiKeysQuery, query);
  const where = eq(apiKeys.orgId, ctx.orgId);
  return pageOf(
    { page, limit },
    (limit, offset) =>
      ctx.db
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          role: apiKeys.role,
          prefix: apiKeys.prefix,
          createdAt: apiKeys.createdAt,
          lastUsedAt: apiKeys.lastUsedAt,
          revokedAt: apiKeys.revokedAt,
        })
        .from(apiKeys)
        .where(where)
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
        .limit(limit)
        .offset(offset),
    () => ctx.db.select({ n: count() }).from(apiKeys).where(where),
  );
}

/** An API key row as the REST API shows it. */
export function apiKeyJson(k: Awaited<ReturnType<typeof listApiKeys>>["items"][number]) {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    prefix: k.prefix,
    created_at: k.createdAt,
    last_used_at: k.lastUsedAt,
    revoked_at: k.revokedAt,
  };
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
