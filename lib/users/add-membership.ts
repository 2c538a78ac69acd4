import { z } from "zod";
import { memberships } from "../db/schema";
import type { Queryable } from "../db/client";
import { ConflictError, isUniqueViolation, NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { ROLES } from "../auth/roles";
import { getOrgByName } from "../orgs/queries";
import { findUserByEmail } from "./queries";

export const addMembershipInput = z.object({
  email: z.email("A valid email is required"),
  org: z.string().min(1, "Organization is required"),
  role: z.enum(ROLES),
});
export type AddMembershipInput = z.input<typeof addMembershipInput>;

/** Adds an existing user to another organization (an operator task, like creating the user). */
export async function addMembership(db: Queryable, input: AddMembershipInput) {
  const data = parseWith(addMembershipInput, input);
  const [user, org] = await Promise.all([findUserByEmail(db, data.email), getOrgByName(db, data.org)]);
  if (!user) throw new NotFoundError(`User ${data.email} not found`);
  try {
    await db.insert(memberships).values({ userId: user.id, orgId: org.id, role: data.role });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${user.email} is already a member of ${org.name}`);
    throw err;
  }
  return { user_id: user.id, email: user.email, org_id: org.id, org: org.name, role: data.role };
}
