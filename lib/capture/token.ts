import { SignJWT } from "jose";
import { opampJwtSecret } from "../config";
import { UnauthorizedError } from "../errors";
import { verifyHs256 } from "../gateways/hs256";

export const CAPTURE_TOKEN_TYPE = "capture_token";
const INVALID = "Invalid or expired capture token";

type CaptureClaims = { id: string; orgId: string; gatewayId: string; createdAt: Date; endsAt: Date };

/**
 * The credential the capture pipeline's exporter sends: HS256 like OpAMP tokens, bound to one gateway and one
 * capture, expiring when the window ends. The gateway's own OpAMP token is never put there: the pushed config
 * comes back as the agent's effective config, which FlowGate stores and shows to every viewer, so a year-long
 * token able to act as the gateway would leak; this one can only add records to one capture for minutes.
 * Deterministic (fixed iat and jti), so re-rendering the config gives the same hash and no needless push.
 */
export function signCaptureToken(c: CaptureClaims): Promise<string> {
  return new SignJWT({ org_id: c.orgId, type: CAPTURE_TOKEN_TYPE, capture_id: c.id })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(c.gatewayId)
    .setIssuedAt(Math.floor(c.createdAt.getTime() / 1000))
    .setExpirationTime(Math.ceil(c.endsAt.getTime() / 1000))
    .setJti(c.id)
    .sign(opampJwtSecret());
}

/** The gateway and org a capture token was issued to, if it is valid for this capture; else 401. */
export function verifyCaptureToken(token: string | null, captureId: string): { gatewayId: string; orgId: string } {
  const claims = token ? verifyHs256(token, opampJwtSecret()) : null;
  if (!claims || claims.type !== CAPTURE_TOKEN_TYPE || claims.capture_id !== captureId)
    throw new UnauthorizedError(INVALID);
  if (typeof claims.sub !== "string" || typeof claims.org_id !== "string") throw new UnauthorizedError(INVALID);
  return { gatewayId: claims.sub, orgId: claims.org_id };
}
