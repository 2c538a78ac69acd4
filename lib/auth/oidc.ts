import { eq } from "drizzle-orm";
import { memberships, organizations, users } from "../db/schema";
import { getDb } from "../db/client";
import { findUserByEmail } from "../users/queries";
import { env } from "../env";

/**
 * First OIDC sign-in creates the user (no password) as a viewer of the org named by AUTH_OIDC_DEFAULT_ORG
 * (default "default"); admins raise the role afterwards. Returns the user id.
 */
export async function provisionOidcUser(email: string, name: string | null): Promise<string> {
  const db = await getDb();
  const existing = await findUserByEmail(db, email);
  if (existing) return existing.id;
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email: email.toLowerCase(), name }).returning();
    const orgName = env("AUTH_OIDC_DEFAULT_ORG");
    const [org] = await tx.select().from(organizations).where(eq(organizations.name, orgName));
    if (org) await tx.insert(memberships).values({ userId: user.id, orgId: org.id, role: "viewer" });
    return user.id;
  });
}
