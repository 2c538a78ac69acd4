import { getDb, type Db } from "../db/client";
import { clearProcessSingleton, processSingleton } from "../singleton";
import { env } from "../env";
import { evaluateAlertRules } from "./evaluate";
import { deliverDueNotifications } from "./deliver";
import { bucketOf, recordFleetHealth } from "./snapshots";
import { logger } from "../log/logger";

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
  return processSingleton("alerts-loop", () => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const state: { lastBucket?: number } = {};
    const loop = () => {
      if (stopped) return;
      running = getDb()
        .then((db) => tickAlerts(db, state))
        .catch((err) => logger("alerts").error({ err }, "tick failed"))
        .finally(() => {
          if (!stopped) timer = setTimeout(loop, env("FLOWGATE_ALERTS_TICK_MS"));
        });
    };
    timer = setTimeout(loop, env("FLOWGATE_ALERTS_TICK_MS"));
    return async () => {
      stopped = true;
      clearTimeout(timer);
      clearProcessSingleton("alerts-loop");
      await running;
    };
  });
}
