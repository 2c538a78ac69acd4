import { and, eq, isNull } from "drizzle-orm";
import { registrationTokens } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { revokeOwned } from "../audit/revoke-owned";

/** Revokes a token so no further gateway can register with it. Gateways already registered keep their OpAMP tokens. */
export async function revokeRegistrationToken(ctx: Ctx, id: string) {
  requireRole(ctx, "registration_tokens.revoke");
  const what = { label: "Registration token", action: "registration_token.revoke", targetType: "registration_token" };
  return revokeOwned(ctx, id, what, (tx) =>
    tx
      .update(registrationTokens)
      .set({ isActive: false, revokedAt: new Date() })
      .where(
        and(
          eq(registrationTokens.id, id),
          eq(registrationTokens.orgId, ctx.orgId),
          isNull(registrationTokens.revokedAt),
        ),
      )
      .returning({ id: registrationTokens.id, name: registrationTokens.name }),
  );
}
