import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { getDb } from "../db/client";
import { findUserByEmail } from "../users/queries";
import { verifyDummyPassword, verifyPassword } from "./passwords";
import { emailVerifiedClaim, resolveOidcUser } from "./oidc";
import { ForbiddenError } from "../errors";
import { env } from "../env";
import { logger } from "../log/logger";
import { limitSignIn } from "../rate-limit/sign-in";
import { requestIp } from "../rate-limit/client-ip";

const credentialsInput = z.object({ email: z.email(), password: z.string().min(1).max(200) });

export const RATE_LIMITED = "rate_limited";
/** Too many failed sign-ins for the account or the address: the sign-in page says so (`code=rate_limited`). */
class SignInRateLimited extends CredentialsSignin {
  override code = RATE_LIMITED;
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw, request) {
      const parsed = credentialsInput.safeParse(raw);
      if (!parsed.success) return null;
      const { email, password } = parsed.data;
      const db = await getDb();
      const { user, locked } = await limitSignIn(db, { email, ip: requestIp(request.headers) }, async () => {
        const found = await findUserByEmail(db, email);
        const ok = found?.passwordHash
          ? await verifyPassword(password, found.passwordHash)
          : await verifyDummyPassword(password);
        return ok ? found : null;
      });
      if (locked) throw new SignInRateLimited();
      return user && { id: user.id, email: user.email, name: user.name };
    },
  }),
];

// Optional single sign-on: any OpenID Connect issuer, enabled by its three settings.
if (env("AUTH_OIDC_ISSUER") && env("AUTH_OIDC_CLIENT_ID") && env("AUTH_OIDC_CLIENT_SECRET")) {
  providers.push({
    id: "oidc",
    name: env("AUTH_OIDC_NAME"),
    type: "oidc",
    issuer: env("AUTH_OIDC_ISSUER"),
    clientId: env("AUTH_OIDC_CLIENT_ID"),
    clientSecret: env("AUTH_OIDC_CLIENT_SECRET"),
  });
}

export const oidcEnabled = providers.length > 1;

const config: NextAuthConfig = {
  providers,
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  // The server decides its public URL (FLOWGATE_PUBLIC_URL / AUTH_URL); behind a proxy the Host header is trusted.
  trustHost: true,
  logger: {
    // A wrong password is an expected event, not an error worth a stack trace.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      logger("auth").error(error.message);
    },
    warn(code) {
      logger("auth").warn(code);
    },
  },
  callbacks: {
    // OIDC: find or provision our user; `user.id` then carries our id (not the provider's subject) into jwt().
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      if (!profile?.email || !account.providerAccountId) return false;
      try {
        user.id = await resolveOidcUser(await getDb(), {
          issuer: String(profile.iss ?? env("AUTH_OIDC_ISSUER")),
          subject: account.providerAccountId,
          email: profile.email,
          name: profile.name ?? null,
          emailVerified: emailVerifiedClaim.parse(profile.email_verified),
        });
        return true;
      } catch (err) {
        if (!(err instanceof ForbiddenError)) throw err;
        logger("auth").warn(err.message);
        return false;
      }
    },
    jwt({ token, user, trigger, session }) {
      if (user?.id) token.uid = user.id;
      // The org switcher's choice; every request checks it against the memberships (lib/auth/org-choice.ts).
      const orgId = (session as { orgId?: unknown } | undefined)?.orgId;
      if (trigger === "update" && typeof orgId === "string") token.orgId = orgId;
      return token;
    },
    session({ session, token }) {
      if (token.uid) (session.user as { id?: string }).id = token.uid as string;
      if (typeof token.orgId === "string") (session as { orgId?: string }).orgId = token.orgId;
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(config);
