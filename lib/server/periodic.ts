import { getDb, type Db } from "../db/client";
import { clearProcessSingleton, processSingleton } from "../singleton";
import { logger } from "../log/logger";

/**
 * Runs `task` every `everyMs` in this process (once per process, idempotent), never two runs at a time: the next
 * run is scheduled when the previous one ends. Returns the stop function, which waits for a run in flight.
 */
export function startPeriodic(name: string, everyMs: () => number, task: (db: Db) => Promise<unknown>) {
  return processSingleton(name, () => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const schedule = () => {
      if (!stopped) timer = setTimeout(run, everyMs());
    };
    const run = () => {
      running = getDb()
        .then(task)
        .catch((err) => logger(name).error({ err }, "periodic task failed"))
        .finally(schedule);
    };
    schedule();
    return async () => {
      stopped = true;
      clearTimeout(timer);
      clearProcessSingleton(name);
      await running;
    };
  });
}
