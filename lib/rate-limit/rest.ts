import { createHash } from "node:crypto";
import { API_KEY_PREFIX } from "../api-keys/create";
import { env } from "../env";
import { TooManyRequestsError } from "../errors";
import { bearerToken } from "../http/bearer";
import { processSingleton } from "../singleton";
import { requestIp } from "./client-ip";
import { WindowCounter } from "./window";

/** Which credential a REST call spends: the route() auth kinds that carry a Bearer token. */
export type CredentialKind = "api_key" | "opamp_token" | "registration";

const LIMITS: Record<CredentialKind, () => number> = {
  api_key: () => env("FLOWGATE_RATE_LIMIT_API_KEY_PER_MIN"),
  opamp_token: () => env("FLOWGATE_RATE_LIMIT_OPAMP_TOKEN_PER_MIN"),
  registration: () => env("FLOWGATE_RATE_LIMIT_REGISTRATION_PER_MIN"),
};

const NAMES: Record<CredentialKind, string> = {
  api_key: "API key",
  opamp_token: "OpAMP token",
  registration: "registration token from this address",
};

/**
 * The credential of a Bearer call, before it is verified (so a flood of bad tokens is limited too). API keys carry
 * their prefix; OpAMP tokens are JWTs; any other token on a `bearer` route is a registration token, counted per
 * source address because one token onboards a whole fleet. Session calls (no Bearer) are not limited here.
 */
function credentialOf(auth: string, req: Request): { kind: CredentialKind; key: string } | null {
  if (auth === "public") return null;
  const token = bearerToken(req.headers.get("authorization"));
  if (!token) return null;
  const digest = createHash("sha256").update(token).digest("base64url");
  if (token.startsWith(API_KEY_PREFIX)) return { kind: "api_key", key: `api_key:${digest}` };
  if (auth === "bearer" && token.split(".").length !== 3)
    return { kind: "registration", key: `registration:${digest}:${requestIp(req.headers)}` };
  return { kind: "opamp_token", key: `opamp_token:${digest}` };
}

/**
 * Per-credential request limit of the REST API (one minute, fixed window), counted in this process: it bounds what
 * one credential can make a replica do, without a database write on every call. Throws 429 with Retry-After.
 */
export function assertWithinRestLimit(auth: string, req: Request, now = Date.now()): void {
  const credential = credentialOf(auth, req);
  if (!credential) return;
  const counter = processSingleton("rest-rate-limit", () => new WindowCounter(60_000));
  const { hits, resetAt } = counter.hit(credential.key, now);
  if (hits > LIMITS[credential.kind]())
    throw new TooManyRequestsError(
      `Too many requests for this ${NAMES[credential.kind]}; retry later`,
      Math.max(1, Math.ceil((resetAt - now) / 1000)),
    );
}
