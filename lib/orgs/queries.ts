import { asc, eq } from "drizzle-orm";
import { organizations } from "../db/schema";
import type { Queryable } from "../db/client";
import { NotFoundError } from "../errors";

export function listOrgs(db: Queryable) {
  return db.select().from(organizations).orderBy(asc(organizations.name));
}

export async function getOrgByName(db: Queryable, name: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.name, name));
  if (!org) throw new NotFoundError(`Organization "${name}" not found`);
  return org;
}
