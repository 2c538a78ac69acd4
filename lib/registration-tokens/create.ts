import { randomBytes } from "node:crypto";
import { registrationTokens } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { createOrgRowAudited } from "../db/org-rows";
import { hashRegistrationToken } from "./hash";
import { createRegistrationTokenInput, type CreateRegistrationTokenInput } from "./schemas";

/**
 * Creates a registration token a gateway exchanges for its own OpAMP token. The plain value is returned once;
 * only its SHA-256 digest is stored.
 */
export async function createRegistrationToken(ctx: Ctx, input: CreateRegistrationTokenInput) {
  requireRole(ctx, "registration_tokens.create");
  const data = parseWith(createRegistrationTokenInput, input);
  const token = randomBytes(48).toString("base64url");
  const expiresAt = new Date(Date.now() + data.expires_in_days * 86_400_000);
  const row = await createOrgRowAudited(
    ctx,
    registrationTokens,
    { name: data.name, tokenHash: hashRegistrationToken(token), expiresAt, maxUses: data.max_uses },
    {
      noun: "registration_token",
      details: () => ({ name: data.name, expires_at: expiresAt.toISOString(), max_uses: data.max_uses }),
    },
  );
  return {
    id: row.id,
    name: row.name,
    token,
    expires_at: row.expiresAt,
    max_uses: row.maxUses,
    created_at: row.createdAt,
  };
}
