import { startPeriodic } from "../server/periodic";
import { pruneCounters } from "./counters";

const EVERY_MS = 10 * 60_000;
/** Longer than any configured window, so a live window is never pruned. */
const KEEP_MS = 24 * 3_600_000;

/** Deletes stale rate-limit counters now and then (every replica may run one; the delete is idempotent). */
export function startRateLimitSweeper(): () => Promise<void> {
  return startPeriodic(
    "rate-limit-sweeper",
    () => EVERY_MS,
    (db) => pruneCounters(db, new Date(Date.now() - KEEP_MS)),
  );
}
