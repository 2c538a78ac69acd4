import { getDb } from "../db/client";
import { ForbiddenError, InvalidInputError, UnauthorizedError } from "../errors";
import { verifyApiKey } from "../api-keys/queries";
import { listMemberships, type Membership } from "../users/queries";
import type { Ctx } from "./context";
import { chooseMembership } from "./org-choice";
import type { Role } from "./roles";
import { bearerToken } from "../http/bearer";
import { isUuid } from "../uuid";

export type Caller =
  | { kind: "user"; userId: string; memberships: Membership[]; chosenOrgId: string | null }
  | { kind: "api_key"; apiKeyId: string; memberships: { orgId: string; role: Role }[] };

/** The session user, read through next-auth (loaded lazily so non-Next callers never import it). */
async function currentSessionUser() {
  const { sessionUser } = await import("./session-user");
  return sessionUser();
}

/** Authenticates a REST call: `Authorization: Bearer fgk_…` API key, else the session cookie. */
export async function requireCaller(req: Request): Promise<Caller> {
  const db = await getDb();
  const token = bearerToken(req.headers.get("authorization"));
  if (token) {
    const key = await verifyApiKey(db, token);
    if (!key) throw new UnauthorizedError("Invalid or revoked API key");
    return { kind: "api_key", apiKeyId: key.id, memberships: [{ orgId: key.orgId, role: key.role }] };
  }
  const user = await currentSessionUser();
  if (!user) throw new UnauthorizedError("Not authenticated");
  return { kind: "user", userId: user.id, memberships: await listMemberships(db, user.id), chosenOrgId: user.orgId };
}

/**
 * Picks the organization for this call: `org_id` must be one the caller belongs to (403 otherwise); without it, a
 * browser session gets the organization picked in the UI, so the pages' own API calls follow the org switcher.
 */
export async function contextFor(caller: Caller, orgId?: string | null): Promise<Ctx> {
  const db = await getDb();
  if (orgId && !isUuid(orgId)) throw new InvalidInputError("org_id must be a UUID");
  const m = orgId
    ? caller.memberships.find((x) => x.orgId === orgId)
    : chooseMembership(caller.memberships, caller.kind === "user" ? caller.chosenOrgId : null);
  if (!m)
    throw new ForbiddenError(
      orgId ? "You are not a member of this organization" : "You are not a member of any organization",
    );
  return caller.kind === "user"
    ? { db, orgId: m.orgId, role: m.role, actor: `user:${caller.userId}`, userId: caller.userId }
    : { db, orgId: m.orgId, role: m.role, actor: `api_key:${caller.apiKeyId}` };
}

/** requireCaller + contextFor(org_id query parameter): the first line of every org-scoped route handler. */
export async function requireContext(req: Request): Promise<Ctx> {
  const caller = await requireCaller(req);
  return contextFor(caller, new URL(req.url).searchParams.get("org_id"));
}
