import type { Ctx } from "./context";
import { ForbiddenError } from "../errors";
import { listMemberships } from "../users/queries";
import { updateSession } from "./auth";

/**
 * Keeps `orgId` as the signed-in user's organization for the rest of the session (in the signed, encrypted Auth.js
 * cookie). Refused unless they are a member; each request checks the membership again (chooseMembership).
 */
export async function switchOrganization(ctx: Ctx, orgId: string): Promise<{ orgId: string }> {
  const memberships = ctx.userId ? await listMemberships(ctx.db, ctx.userId) : [];
  if (!memberships.some((m) => m.orgId === orgId))
    throw new ForbiddenError("You are not a member of this organization");
  await updateSession({ orgId } as Parameters<typeof updateSession>[0]);
  return { orgId };
}
