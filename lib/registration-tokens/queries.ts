import { desc, eq } from "drizzle-orm";
import { registrationTokens } from "../db/schema";
import type { Ctx } from "../auth/context";
import type { RegistrationTokenStatus } from "./schemas";

type StatusFields = { isActive: boolean; revokedAt: Date | null; expiresAt: Date; maxUses: number | null; useCount: number };

/** Revoked wins over expired, which wins over used up: the most permanent reason is shown. */
export function registrationTokenStatus(t: StatusFields, now = new Date()): RegistrationTokenStatus {
  if (!t.isActive || t.revokedAt) return "revoked";
  if (t.expiresAt.getTime() <= now.getTime()) return "expired";
  if (t.maxUses !== null && t.useCount >= t.maxUses) return "used_up";
  return "active";
}

/** The org's registration tokens, newest first, with their computed status. Never the token value. */
export async function listRegistrationTokens(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      id: registrationTokens.id, name: registrationTokens.name, expiresAt: registrationTokens.expiresAt,
      isActive: registrationTokens.isActive, maxUses: registrationTokens.maxUses, useCount: registrationTokens.useCount,
      createdBy: registrationTokens.createdBy, createdAt: registrationTokens.createdAt, revokedAt: registrationTokens.revokedAt,
    })
    .from(registrationTokens)
    .where(eq(registrationTokens.orgId, ctx.orgId))
    .orderBy(desc(registrationTokens.createdAt), desc(registrationTokens.id));
  const now = new Date();
  return rows.map((r) => ({
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
}
