import { createHmac, timingSafeEqual } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose";

/**
 * Verifies an HS256 JWT with node:crypto and returns its claims, or null when the token is malformed, not
 * HS256, wrongly signed, expired (`exp` is required) or not yet valid. jose signs the tokens and parses them
 * here; its verification runs HMAC through WebCrypto at ~130 µs per token on our 2-core bench machine against
 * ~14 µs for this, which matters when a fleet of agents reconnects at once.
 */
export function verifyHs256(token: string, secret: Uint8Array): JWTPayload | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== "HS256" || header.crit !== undefined) return null;
  } catch {
    return null;
  }
  // Compared as base64url text, so only the one canonical encoding of the signature is accepted.
  const expected = Buffer.from(createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest("base64url"));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    return null;
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now) return null;
  if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || claims.nbf > now)) return null;
  return claims;
}
