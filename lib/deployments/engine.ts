import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { deployments } from "../db/schema";
import { getDatabase, type Database, type Db } from "../db/client";
import { forEachLockedRow } from "../db/each-locked";
import { subscribeAgentEvents } from "../events/bus";
import { startLoop } from "../loop";
import { advanceDeployment } from "./advance";
import { applyTimeoutSeconds } from "./settings";
import { WATCHED } from "./transitions";
import { env } from "../env";
import { logger } from "../log/logger";

const running = inArray(deployments.status, [...WATCHED]);
/** Finished selector deployments: only gateways tagged after they finished (late joiners) still join them. */
const completedSelector = and(eq(deployments.status, "completed"), isNotNull(sql`${deployments.target}->'selector'`));

/**
 * One pass over the deployments the engine looks after: rolling out, paused or halted (rows still settle and time
 * out), and with `lateJoiners` the completed selector deployments too. Each runs in its own transaction holding its
 * row lock; `SKIP LOCKED` lets every replica run this ticker: a deployment another process (or an API call) is
 * working on is simply skipped.
 */
export async function tickDeployments(db: Db, lateJoiners = true): Promise<void> {
  const watched = lateJoiners ? or(running, completedSelector) : running;
  await forEachLockedRow(
    db,
    deployments,
    { due: watched, still: watched },
    async (tx, d) => advanceDeployment(tx, d, await applyTimeoutSeconds(tx, d.orgId)),
    (err, id) => logger("deployments").error({ err, deployment: id }, "deployment step failed"),
  );
}

/** Completed selector deployments are scanned at least this often, should an event have been missed. */
const LATE_JOINER_BACKSTOP_MS = 60_000;

export type EngineOptions = { database?: Database; tickMs?: number; backstopMs?: number };

/**
 * Starts this process's deployment ticker (idempotent); returns the function that stops it after the current pass.
 * Completed selector deployments are scanned for late joiners only after a `config` event (tags are the only thing
 * a selector matches, and every tag change publishes one; a new gateway has no tags yet), and on a slow backstop:
 * at 10,000 gateways a scan costs 80-160 ms, too much for every tick.
 */
export function startDeploymentEngine(options: EngineOptions = {}): () => Promise<void> {
  return startLoop("deployment-engine", () => {
    const tickMs = options.tickMs ?? env("FLOWGATE_DEPLOYMENT_TICK_MS");
    const backstopMs = options.backstopMs ?? LATE_JOINER_BACKSTOP_MS;
    let scanDue = true;
    let lastScan = 0;
    const database = options.database ? Promise.resolve(options.database) : getDatabase();
    const listening = database
      .then((d) =>
        subscribeAgentEvents((e) => {
          if (e.type === "config") scanDue = true;
        }, d),
      )
      .catch((err) => {
        logger("deployments").error({ err }, "no agent events: scanning for late joiners on every tick");
        return null;
      });
    const pass = async () => {
      const db = (await database).db;
      // Listening before the first scan, so no tag change falls between the two.
      const events = await listening;
      const scan = !events || scanDue || Date.now() - lastScan >= backstopMs;
      if (scan) [scanDue, lastScan] = [false, Date.now()];
      await tickDeployments(db, scan);
    };
    return {
      pass,
      everyMs: () => tickMs,
      log: { component: "deployments", failure: "tick failed" },
      onStop: async () => (await listening)?.(),
    };
  });
}
