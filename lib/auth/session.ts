import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "../db/client";
import { listMemberships, type Membership } from "../users/queries";
import { signInUrl } from "./callback-path";
import type { Ctx } from "./context";
import { chooseMembership } from "./org-choice";
import { REQUESTED_PATH_HEADER } from "./requested-path";
import { sessionUser } from "./session-user";

export type SessionContext = Ctx & { email: string; orgName: string; memberships: Membership[] };

/**
 * For pages and server actions: the signed-in user's context in the organization picked for this session (else
 * their first); redirects to sign-in otherwise, returning to the page asked for. Cached per request, so the layout
 * and the page of one view authenticate once.
 */
export const requireSessionContext = cache(async (): Promise<SessionContext> => {
  const user = await sessionUser();
  if (!user) redirect(signInUrl((await headers()).get(REQUESTED_PATH_HEADER)));
  const db = await getDb();
  const memberships = await listMemberships(db, user.id);
  const m = chooseMembership(memberships, user.orgId);
  if (!m) redirect(signInUrl(null, { error: "NoOrganization" }));
  return {
    db,
    orgId: m.orgId,
    orgName: m.orgName,
    role: m.role,
    actor: `user:${user.id}`,
    userId: user.id,
    email: user.email,
    memberships,
  };
});
