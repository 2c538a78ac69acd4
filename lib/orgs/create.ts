import { z } from "zod";
import { organizations } from "../db/schema";
import type { Queryable } from "../db/client";
import { ConflictError, isUniqueViolation } from "../errors";
import { parseWith } from "../http/parse";

export const createOrgInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Organization name is required")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "Use letters, digits, spaces, '.', '_' or '-'"),
});
export type CreateOrgInput = z.infer<typeof createOrgInput>;

/** Creating organizations is an operator task (CLI / bootstrap), not scoped to an existing org. */
export async function createOrg(db: Queryable, input: CreateOrgInput) {
  const { name } = parseWith(createOrgInput, input);
  try {
    const [org] = await db.insert(organizations).values({ name }).returning();
    return org;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Organization "${name}" already exists`);
    throw err;
  }
}
