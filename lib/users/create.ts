import { z } from "zod";
import { memberships, users } from "../db/schema";
import type { Db } from "../db/client";
import { ConflictError, isUniqueViolation } from "../errors";
import { parseWith } from "../http/parse";
import { hashPassword } from "../auth/passwords";
import { ROLES } from "../auth/roles";
import { getOrgByName } from "../orgs/queries";

export const createUserInput = z.object({
  email: z.email("A valid email is required").transform((e) => e.toLowerCase()),
  password: z.string().min(8, "Password must be at least 8 characters").max(200),
  org: z.string().min(1, "Organization is required"),
  role: z.enum(ROLES),
  name: z.string().max(200).optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** Creates a user and their membership in one transaction: a failure leaves neither behind. */
export async function createUser(db: Db, input: CreateUserInput) {
  const data = parseWith(createUserInput, input);
  const org = await getOrgByName(db, data.org);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name ?? null, passwordHash })
        .returning();
      await tx.insert(memberships).values({ userId: user.id, orgId: org.id, role: data.role });
      return { id: user.id, email: user.email, org_id: org.id, org: org.name, role: data.role };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A user with email ${data.email} already exists`);
    throw err;
  }
}
