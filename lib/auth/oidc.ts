import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, organizations, userIdentities, users } from "../db/schema";
import type { Db } from "../db/client";
import { findUserByEmail } from "../users/queries";
import { ForbiddenError } from "../errors";
import { env } from "../env";

/** What the provider told us about the person signing in (ID token / userinfo claims). */
export type OidcClaims = {
  issuer: string;
  subject: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
};

/** `email_verified` as providers send it: a boolean, or the string "true" from a few (e.g. Cognito). */
export const emailVerifiedClaim = z.union([z.boolean(), z.literal("true").transform(() => true)]).catch(false);

/**
 * The user an OIDC sign-in is for, provisioning on first sight. An identity seen before (issuer + subject) is its
 * user. Otherwise an existing account with the same e-mail is linked only when the provider vouches for the
 * address (`email_verified`): anyone can claim any address at a provider that does not check it. A new e-mail
 * becomes a new user (no password), a viewer of the org named by AUTH_OIDC_DEFAULT_ORG; admins raise the role.
 */
export async function resolveOidcUser(db: Db, claims: OidcClaims): Promise<string> {
  const [known] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, claims.issuer), eq(userIdentities.subject, claims.subject)));
  if (known) return known.userId;
  const existing = await findUserByEmail(db, claims.email);
  if (existing && !claims.emailVerified)
    throw new ForbiddenError(
      `The identity provider has not verified ${claims.email}; it cannot be linked to the existing account`,
    );
  return db.transaction(async (tx) => {
    let userId = existing?.id;
    if (!userId) {
      const [user] = await tx
        .insert(users)
        .values({ email: claims.email.toLowerCase(), name: claims.name })
        .returning();
      userId = user.id;
      const [org] = await tx
        .select()
        .from(organizations)
        .where(eq(organizations.name, env("AUTH_OIDC_DEFAULT_ORG")));
      if (org) await tx.insert(memberships).values({ userId, orgId: org.id, role: "viewer" });
    }
    await tx.insert(userIdentities).values({ userId, issuer: claims.issuer, subject: claims.subject });
    return userId;
  });
}
