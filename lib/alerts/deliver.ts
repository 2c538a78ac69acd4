import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { alertChannels, alertNotifications, notificationDeliveries } from "../db/schema";
import type { Db } from "../db/client";
import { env } from "../env";
import { renderBody } from "./payload";
import { postSigned } from "./post";

/** A claimed delivery is not due again for this long, which covers the POST's own 10 s timeout many times over. */
const LEASE_MS = 60_000;
const BATCH = 20;

/** Wait before attempt n+1 after n failed attempts: base, 2×base, 4×base, … */
export function backoffMs(failedAttempts: number, baseMs = env("FLOWGATE_ALERTS_RETRY_BASE_MS")): number {
  return baseMs * 2 ** Math.max(0, failedAttempts - 1);
}

/**
 * Claims due deliveries (`FOR UPDATE SKIP LOCKED`, then pushed past the lease and counted as an attempt) in one short
 * transaction, so replicas never pick the same row and no transaction stays open while a webhook answers.
 */
async function claimDue(db: Db, now: Date) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, "pending"), lte(notificationDeliveries.nextAttemptAt, now)))
      .orderBy(asc(notificationDeliveries.nextAttemptAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(notificationDeliveries)
      .set({ attempts: sql`${notificationDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(
        inArray(
          notificationDeliveries.id,
          due.map((d) => d.id),
        ),
      )
      .returning({
        id: notificationDeliveries.id,
        attempts: notificationDeliveries.attempts,
        notificationId: notificationDeliveries.notificationId,
        channelId: notificationDeliveries.channelId,
      });
  });
}

/** Sends every due delivery once; a failure is retried after the backoff until FLOWGATE_ALERTS_MAX_ATTEMPTS. */
export async function deliverDueNotifications(db: Db, now = new Date()): Promise<void> {
  const claimed = await claimDue(db, now);
  for (const d of claimed) {
    const [row] = await db
      .select({ n: alertNotifications, c: alertChannels })
      .from(alertNotifications)
      .innerJoin(alertChannels, eq(alertChannels.id, d.channelId))
      .where(eq(alertNotifications.id, d.notificationId));
    if (!row) continue; // the channel was deleted meanwhile, and its delivery with it
    const result = await postSigned(row.c.url, row.c.secret, renderBody(row.c.kind, row.n));
    const done = new Date();
    const update = result.ok
      ? { status: "delivered" as const, deliveredAt: done, lastError: null }
      : d.attempts >= env("FLOWGATE_ALERTS_MAX_ATTEMPTS")
        ? { status: "failed" as const, lastError: result.error }
        : { nextAttemptAt: new Date(done.getTime() + backoffMs(d.attempts)), lastError: result.error };
    await db.update(notificationDeliveries).set(update).where(eq(notificationDeliveries.id, d.id));
  }
}
