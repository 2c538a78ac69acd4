import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { registrationTokens } from "../db/schema";
import type { Ctx } from "../auth/context";
import { parseWith } from "../http/parse";
import { pageQuery } from "../http/pagination";
import type { RegistrationTokenStatus } from "./schemas";

export const listRegistrationTokensQuery = pageQuery({ maxLimit: 200, defaultLimit: 50 });
export type ListRegistrationTokensQuery = z.input<typeof listRegistrationTokensQuery>;

type StatusFields = {
  isActive: boolean;
  revokedAt: Date | null;
  expiresAt: Date;
  maxUses: number | null;
  useCount: number;
};

/** Revoked wins over expired, which wins over used up: the most permanent reason is shown. */
export function registrationTokenStatus(t: StatusFields, now = new Date()): RegistrationTokenStatus {
  if (!t.isActive || t.revokedAt) return "revoked";
  if (t.expiresAt.getTime() <= now.getTime()) return "expired";
  if (t.maxUses !== null && t.useCount >= t.maxUses) return "used_up";
  return "active";
}

/** One page of the org's registration tokens, newest first, with their computed status. Never the token value. */
export async function listRegistrationTokens(ctx: Ctx, query: ListRegistrationTokensQuery = {}) {
  const { page, limit } = parseWith(listRegistrationTokensQuery, query);
  const where = eq(registrationTokens.orgId, ctx.orgId);
  const rowsQuery = ctx.db
    .select({
      id: registrationTokens.id,
      name: registrationTokens.name,
      expiresAt: registrationTokens.expiresAt,
      isActive: registrationTokens.isActive,
      maxUses: registrationTokens.maxUses,
      useCount: registrationTokens.useCount,
      createdBy: registrationTokens.createdBy,
      createdAt: registrationTokens.createdAt,
      revokedAt: registrationTokens.revokedAt,
    })
    .from(registrationTokens)
    .where(where)
    .orderBy(desc(registrationTokens.createdAt), desc(registrationTokens.id))
    .limit(limit)
    .offset((page - 1) * limit);
  const [rows, [{ n }]] = await Promise.all([
    rowsQuery,
    ctx.db.select({ n: count() }).from(registrationTokens).where(where),
  ]);
  const now = new Date();
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: registrationTokenStatus(r, now),
    is_active: r.isActive && !r.revokedAt,
    use_count: r.useCount,
    max_uses: r.maxUses,
    expires_at: r.expiresAt,
    created_by: r.createdBy,
    created_at: r.createdAt,
    revoked_at: r.revokedAt,
  }));
  return { items, total: Number(n), page, limit };
}
