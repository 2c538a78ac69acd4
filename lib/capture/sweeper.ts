import { and, isNotNull, lt } from "drizzle-orm";
import { transformCaptures } from "../db/schema";
import { getDb, type Db } from "../db/client";
import { clearProcessSingleton, processSingleton } from "../singleton";
import { deleteExpiredSamples } from "../samples/store";
import { closeDueCaptures } from "./finish";
import { logger } from "../log/logger";
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
  return processSingleton("capture-sweeper", () => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let lastRetention = 0;
    const loop = () => {
      if (stopped) return;
      const retention = Date.now() - lastRetention >= RETENTION_EVERY_MS;
      if (retention) lastRetention = Date.now();
      running = getDb()
        .then((db) => sweep(db, retention))
        .catch((err) => logger("capture").error({ err }, "sweep failed"))
        .finally(() => {
          if (!stopped) timer = setTimeout(loop, env("FLOWGATE_CAPTURE_TICK_MS"));
        });
    };
    timer = setTimeout(loop, env("FLOWGATE_CAPTURE_TICK_MS"));
    return async () => {
      stopped = true;
      clearTimeout(timer);
      clearProcessSingleton("capture-sweeper");
      await running;
    };
  });
}
