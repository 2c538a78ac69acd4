import type { Membership } from "../users/queries";

/**
 * The organization a signed-in user acts in: the one they picked for this session when they are (still) a member
 * of it, else their first. Checked against the memberships read on every request, never trusted from the token.
 */
export function chooseMembership<M extends Pick<Membership, "orgId">>(
  memberships: M[],
  chosenOrgId: string | null | undefined,
): M | undefined {
  return (chosenOrgId && memberships.find((m) => m.orgId === chosenOrgId)) || memberships[0];
}
