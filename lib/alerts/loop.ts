import { getDb, type Db } from "../db/client";
import { startLoop } from "../loop";
import { env } from "../env";
import { evaluateAlertRules } from "./evaluate";
import { deliverDueNotifications } from "./deliver";
import { bucketOf, recordFleetHealth } from "./snapshots";

/** One tick: evaluate rules, send due deliveries, and record fleet health once per 5-minute bucket per process. */
export async function tickAlerts(db: Db, state: { lastBucket?: number } = {}, now = new Date()): Promise<void> {
  await evaluateAlertRules(db, now);
  await deliverDueNotifications(db, now);
  const bucket = bucketOf(now).getTime();
  if (state.lastBucket !== bucket) {
    await recordFleetHealth(db, now);
    state.lastBucket = bucket;
  }
}

/** Starts this process's alerts loop (idempotent; every replica runs one); returns the function that stops it after the current tick. */
export function startAlertsLoop(): () => Promise<void> {
  return startLoop("alerts-loop", () => {
    const state: { lastBucket?: number } = {};
    return {
      pass: () => getDb().then((db) => tickAlerts(db, state)),
      everyMs: () => env("FLOWGATE_ALERTS_TICK_MS"),
      log: { component: "alerts", failure: "tick failed" },
    };
  });
}
