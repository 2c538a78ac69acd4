import { and, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { registrationTokens } from "../db/schema";
import type { Queryable } from "../db/client";
import { UnauthorizedError } from "../errors";
import { digestsEqual, hashRegistrationToken, REGISTRATION_TOKEN_RE } from "./hash";

export const INVALID_REGISTRATION_TOKEN = "Invalid or expired registration token";

export type UsableRegistrationToken = { id: string; orgId: string };

function usable(hash: string, now: Date) {
  return and(
    eq(registrationTokens.tokenHash, hash),
    eq(registrationTokens.isActive, true),
    isNull(registrationTokens.revokedAt),
    gt(registrationTokens.expiresAt, now),
    or(isNull(registrationTokens.maxUses), lt(registrationTokens.useCount, registrationTokens.maxUses)),
  );
}

function digestOf(token: string | null | undefined): string {
  if (!token || !REGISTRATION_TOKEN_RE.test(token)) throw new UnauthorizedError(INVALID_REGISTRATION_TOKEN);
  return hashRegistrationToken(token);
}

const TOKEN_FIELDS = {
  id: registrationTokens.id,
  orgId: registrationTokens.orgId,
  tokenHash: registrationTokens.tokenHash,
};

/** Runs `query` for the usable row with this token's digest; no row (or a bad token) is the same 401 every time. */
async function onUsableToken(
  token: string | null | undefined,
  query: (where: SQL | undefined) => Promise<{ id: string; orgId: string; tokenHash: string }[]>,
): Promise<UsableRegistrationToken> {
  const hash = digestOf(token);
  const [row] = await query(usable(hash, new Date()));
  if (!row || !digestsEqual(row.tokenHash, hash)) throw new UnauthorizedError(INVALID_REGISTRATION_TOKEN);
  return { id: row.id, orgId: row.orgId };
}

/**
 * Read-only check that a registration token could be used now (so a bad token is refused before the body is even
 * looked at). Every failure is the same 401.
 */
export function findUsableRegistrationToken(
  db: Queryable,
  token: string | null | undefined,
): Promise<UsableRegistrationToken> {
  return onUsableToken(token, (where) => db.select(TOKEN_FIELDS).from(registrationTokens).where(where));
}

/**
 * Uses one of the token's uses, inside the registering transaction. The conditional UPDATE is the check: of two
 * concurrent registrations on a single-use token, the second waits on the row lock, re-reads use_count and matches
 * nothing, so only one wins.
 */
export function consumeRegistrationToken(
  tx: Queryable,
  token: string | null | undefined,
): Promise<UsableRegistrationToken> {
  return onUsableToken(token, (where) =>
    tx
      .update(registrationTokens)
      .set({ useCount: sql`${registrationTokens.useCount} + 1` })
      .where(where)
      .returning(TOKEN_FIELDS),
  );
}
