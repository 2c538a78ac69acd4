import type { Db } from "../db/client";
import { env } from "../env";
import { recordAudit } from "../audit/record";
import { findUserByEmail, listMemberships } from "../users/queries";
import { logger } from "../log/logger";
import { clearCounter, hitCounter, releaseHit } from "./counters";

export type SignInAttempt = { email: string; ip: string };
export type SignInOutcome<U> = { user: U | null; locked: boolean };

/**
 * Runs a password check under the sign-in limits: failed attempts per account and per source address within
 * FLOWGATE_SIGNIN_WINDOW_SECONDS, counted in the database so every replica sees them. Each attempt counts up front
 * (atomic, so parallel guesses cannot slip past); a success takes its own hit back and clears the account's count.
 * Over either limit the password is not checked at all, and the first refused attempt is audited as a lockout.
 */
export async function limitSignIn<U>(
  db: Db,
  attempt: SignInAttempt,
  check: () => Promise<U | null>,
): Promise<SignInOutcome<U>> {
  const windowMs = env("FLOWGATE_SIGNIN_WINDOW_SECONDS") * 1000;
  const accountKey = `sign-in:account:${attempt.email.toLowerCase()}`;
  const ipKey = `sign-in:ip:${attempt.ip}`;
  const [account, address] = await Promise.all([hitCounter(db, accountKey, windowMs), hitCounter(db, ipKey, windowMs)]);
  const accountMax = env("FLOWGATE_SIGNIN_MAX_FAILURES_PER_ACCOUNT");
  const ipMax = env("FLOWGATE_SIGNIN_MAX_FAILURES_PER_IP");
  if (account.hits > accountMax || address.hits > ipMax) {
    const scope = account.hits > accountMax ? "account" : "address";
    const hit = scope === "account" ? account : address;
    if (hit.hits === (scope === "account" ? accountMax : ipMax) + 1)
      await auditLockout(db, attempt, scope, hit.resetAt);
    return { user: null, locked: true };
  }
  const user = await check();
  if (user) await Promise.all([clearCounter(db, accountKey), releaseHit(db, ipKey)]);
  return { user, locked: false };
}

/** Writes the lockout to the audit log of every organization of the account (if it exists), and to the log. */
async function auditLockout(db: Db, attempt: SignInAttempt, scope: "account" | "address", until: Date) {
  logger("auth").warn({ scope, ip: attempt.ip, until }, "sign-in locked out after repeated failures");
  const user = await findUserByEmail(db, attempt.email);
  if (!user) return;
  const details = { scope, ip: attempt.ip, until: until.toISOString() };
  for (const m of await listMemberships(db, user.id))
    await recordAudit(
      db,
      { orgId: m.orgId, actor: "system" },
      { action: "user.sign_in_locked", targetType: "user", targetId: user.id, details },
    );
}
