import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { gateways } from "../db/schema";
import type { Queryable } from "../db/client";
import { opampJwtSecret } from "../config";
import { UnauthorizedError } from "../errors";
import { isUuid } from "../uuid";
import { verifyHs256 } from "./hs256";
import { env } from "../env";

export const OPAMP_TOKEN_TYPE = "opamp_token";

export function opampTokenTtlDays(): number {
  return env("FLOWGATE_OPAMP_TOKEN_TTL_DAYS");
}

/**
 * Signs a gateway's OpAMP token (HS256; claims sub=gateway id, org_id, type, iat, exp, jti) and records its jti
 * on the gateway, which revokes any earlier token. The token itself is never stored. Run inside the caller's transaction.
 */
export async function issueOpampToken(tx: Queryable, gateway: { id: string; orgId: string }) {
  const jti = randomUUID();
  const now = Math.floor(Date.now() / 1000);
  const exp = now + opampTokenTtlDays() * 86400;
  const token = await new SignJWT({ org_id: gateway.orgId, type: OPAMP_TOKEN_TYPE })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(gateway.id)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(opampJwtSecret());
  const expiresAt = new Date(exp * 1000);
  await tx
    .update(gateways)
    .set({ opampTokenJti: jti, opampTokenExpiresAt: expiresAt, updatedAt: new Date() })
    .where(eq(gateways.id, gateway.id));
  return { token, jti, expiresAt };
}

const INVALID = "Invalid OpAMP token";

/** Reads a gateway row by id (e.g. several look-ups coalesced into one query); the org is checked by the caller. */
export type GatewayLoader = (id: string) => Promise<typeof gateways.$inferSelect | undefined>;

/**
 * Validates an OpAMP token: signature, type, expiry, the gateway exists in the token's org, and the token is the
 * gateway's current one (not rotated or revoked). Every failure is the same 401 "Invalid OpAMP token".
 */
export async function verifyOpampToken(db: Queryable, token: string | null | undefined, loadGateway?: GatewayLoader) {
  if (!token) throw new UnauthorizedError(INVALID);
  const claims = verifyHs256(token, opampJwtSecret());
  if (
    !claims ||
    claims.type !== OPAMP_TOKEN_TYPE ||
    typeof claims.sub !== "string" ||
    typeof claims.org_id !== "string" ||
    !claims.jti
  ) {
    throw new UnauthorizedError(INVALID);
  }
  if (!isUuid(claims.sub) || !isUuid(claims.org_id)) throw new UnauthorizedError(INVALID);
  const gateway = loadGateway
    ? await loadGateway(claims.sub)
    : (
        await db
          .select()
          .from(gateways)
          .where(and(eq(gateways.id, claims.sub), eq(gateways.orgId, claims.org_id)))
      )[0];
  if (!gateway || gateway.orgId !== claims.org_id || gateway.opampTokenJti !== claims.jti)
    throw new UnauthorizedError(INVALID);
  return gateway;
}
