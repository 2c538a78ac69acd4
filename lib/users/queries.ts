import { asc, eq } from "drizzle-orm";
import { memberships, organizations, users } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Role } from "../auth/roles";

export type Membership = { orgId: string; orgName: string; role: Role };

export async function findUserByEmail(db: Queryable, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return user ?? null;
}

export async function listMemberships(db: Queryable, userId: string): Promise<Membership[]> {
  return db
    .select({ orgId: memberships.orgId, orgName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}
