import { and, eq, isNull } from "drizzle-orm";
import { registrationTokens } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { NotFoundError } from "../errors";
import { recordAudit } from "../audit/record";
import { isUuid } from "../uuid";

/** Revokes a token so no further gateway can register with it. Gateways already registered keep their OpAMP tokens. */
export async function revokeRegistrationToken(ctx: Ctx, id: string) {
  requireRole(ctx, "registration_tokens.revoke");
  if (!isUuid(id)) throw new NotFoundError("Registration token not found");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrationTokens)
      .set({ isActive: false, revokedAt: new Date() })
      .where(and(eq(registrationTokens.id, id), eq(registrationTokens.orgId, ctx.orgId), isNull(registrationTokens.revokedAt)))
      .returning({ id: registrationTokens.id, name: registrationTokens.name });
    if (!row) throw new NotFoundError("Registration token not found");
    await recordAudit(tx, ctx, { action: "registration_token.revoke", targetType: "registration_token", targetId: id, details: { name: row.name } });
    return row;
  });
}
