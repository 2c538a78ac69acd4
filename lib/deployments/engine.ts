import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { deployments } from "../db/schema";
import { getDb, type Db } from "../db/client";
import { clearProcessSingleton, processSingleton } from "../singleton";
import { advanceDeployment } from "./advance";
import { applyTimeoutSeconds } from "./settings";
import { WATCHED } from "./transitions";
import { env } from "../env";
import { logger } from "../log/logger";

/**
 * Deployments the engine looks after: rolling out, paused or halted (rows still settle and time out), and finished
 * selector deployments (late joiners still get their config).
 */
const watched = or(
  inArray(deployments.status, [...WATCHED]),
  and(eq(deployments.status, "completed"), isNotNull(sql`${deployments.target}->'selector'`)),
);

/**
 * One pass over every watched deployment, each in its own transaction holding its row lock. `SKIP LOCKED` lets
 * every replica run this ticker: a deployment another process (or an API call) is working on is simply skipped.
 */
export async function tickDeployments(db: Db): Promise<void> {
  const ids = await db.select({ id: deployments.id }).from(deployments).where(watched);
  for (const { id } of ids) {
    await db
      .transaction(async (tx) => {
        const [d] = await tx
          .select()
          .from(deployments)
          .where(and(eq(deployments.id, id), watched))
          .for("update", { skipLocked: true });
        if (d) await advanceDeployment(tx, d, await applyTimeoutSeconds(tx, d.orgId));
      })
      .catch((err) => logger("deployments").error({ err, deployment: id }, "deployment step failed"));
  }
}

/** Starts this process's deployment ticker (idempotent); returns the function that stops it after the current pass. */
export function startDeploymentEngine(): () => Promise<void> {
  return processSingleton("deployment-engine", () => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const loop = () => {
      if (stopped) return;
      running = getDb()
        .then(tickDeployments)
        .catch((err) => logger("deployments").error({ err }, "tick failed"))
        .finally(() => {
          if (!stopped) timer = setTimeout(loop, env("FLOWGATE_DEPLOYMENT_TICK_MS"));
        });
    };
    timer = setTimeout(loop, env("FLOWGATE_DEPLOYMENT_TICK_MS"));
    return async () => {
      stopped = true;
      clearTimeout(timer);
      clearProcessSingleton("deployment-engine");
      await running;
    };
  });
}
