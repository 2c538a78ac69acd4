import { eq, lt, sql } from "drizzle-orm";
import { rateLimitCounters } from "../db/schema";
import type { Queryable } from "../db/client";

export type Hit = { hits: number; resetAt: Date };

/**
 * Counts one hit on `key` in the current fixed window of `windowMs`, atomically on any replica (one upsert), and
 * returns the window's count. A row whose window has passed restarts at 1.
 */
export async function hitCounter(db: Queryable, key: string, windowMs: number, now = Date.now()): Promise<Hit> {
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        // A replica whose clock lags must not reset a newer window.
        hits: sql`CASE WHEN ${rateLimitCounters.windowStart} >= excluded.window_start THEN ${rateLimitCounters.hits} + 1 ELSE 1 END`,
        windowStart: sql`GREATEST(${rateLimitCounters.windowStart}, excluded.window_start)`,
      },
    })
    .returning({ hits: rateLimitCounters.hits, windowStart: rateLimitCounters.windowStart });
  return { hits: row.hits, resetAt: new Date(row.windowStart.getTime() + windowMs) };
}

/** Takes back one hit (a successful sign-in is not a failure). */
export async function releaseHit(db: Queryable, key: string): Promise<void> {
  await db
    .update(rateLimitCounters)
    .set({ hits: sql`GREATEST(${rateLimitCounters.hits} - 1, 0)` })
    .where(eq(rateLimitCounters.key, key));
}

/** Forgets a key's count. */
export async function clearCounter(db: Queryable, key: string): Promise<void> {
  await db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
}

/** Deletes counters whose window started before `before` (they would restart at 1 anyway). */
export async function pruneCounters(db: Queryable, before: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, before));
}
