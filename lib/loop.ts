import { clearProcessSingleton, processSingleton } from "./singleton";
import { logger } from "./log/logger";

/** What a background loop does: a pass, the pause after each pass, and what its stop releases at the end. */
export type LoopSpec = {
  pass: () => Promise<void>;
  everyMs: () => number;
  /** The log component and message of a failed pass (the loop goes on). */
  log: { component: string; failure: string };
  onStop?: () => Promise<void>;
};

/**
 * Starts this process's loop `name` (idempotent: `create` runs once per process): each pass starts `everyMs()` after
 * the previous one ended, so two never overlap. Returns the function that stops it after the pass under way.
 */
export function startLoop(name: string, create: () => LoopSpec): () => Promise<void> {
  return processSingleton(name, () => {
    const { pass, everyMs, log, onStop } = create();
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const loop = () => {
      if (stopped) return;
      running = pass()
        .catch((err) => logger(log.component).error({ err }, log.failure))
        .finally(() => {
          if (!stopped) timer = setTimeout(loop, everyMs());
        });
    };
    timer = setTimeout(loop, everyMs());
    return async () => {
      stopped = true;
      clearTimeout(timer);
      clearProcessSingleton(name);
      await running;
      await onStop?.();
    };
  });
}
