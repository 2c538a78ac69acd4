import { and, isNotNull, lt } from "drizzle-orm";
import { transformCaptures } from "../db/schema";
import { getDb, type Db } from "../db/client";
import { startLoop } from "../loop";
import { deleteExpiredSamples } from "../samples/store";
import { closeDueCaptures } from "./finish";
import { env } from "../env";

const RETENTION_EVERY_MS = 10 * 60_000;
/** Finished capture rows are kept this long for their status, then deleted. */
const CAPTURE_ROW_DAYS = 7;

/** One pass: close captures whose window ended; now and then, apply sample retention and drop old capture rows. */
async function sweep(db: Db, retention: boolean): Promise<void> {
  await closeDueCaptures(db);
  if (!retention) return;
  await deleteExpiredSamples(db);
  await db
    .delete(transformCaptures)
    .where(
      and(
        isNotNull(transformCaptures.finishedAt),
        lt(transformCaptures.finishedAt, new Date(Date.now() - CAPTURE_ROW_DAYS * 86_400_000)),
      ),
    );
}

/** Starts this process's capture sweeper (idempotent; every replica may run one); returns its stop function. */
export function startCaptureSweeper(): () => Promise<void> {
  return startLoop("capture-sweeper", () => {
    let lastRetention = 0;
    return {
      pass: () => {
        const retention = Date.now() - lastRetention >= RETENTION_EVERY_MS;
        if (retention) lastRetention = Date.now();
        return getDb().then((db) => sweep(db, retention));
      },
      everyMs: () => env("FLOWGATE_CAPTURE_TICK_MS"),
      log: { component: "capture", failure: "sweep failed" },
    };
  });
}
