import { and, count, eq, max, not } from "drizzle-orm";
import { deploymentGateways, type DeploymentStrategy } from "../db/schema";
import type { Queryable } from "../db/client";
import { takenOver } from "./release";

const UNFINISHED = ["pending", "sent", "applying"];

/** The next batch (1-based) of a running progressive deployment and when it starts. */
export type NextBatch = { batch: number; at: Date | null };

/**
 * When the next batch starts, by advanceDeployment's rule: once every row up to the current batch has settled, the
 * pause counts from the last one that finished. `at` is null while the current batch is still applying.
 */
export async function nextBatch(
  db: Queryable,
  d: { id: string; status: string; strategy: DeploymentStrategy; current_batch: number },
): Promise<NextBatch | null> {
  if (d.status !== "in_progress" || d.strategy.type !== "progressive") return null;
  const rows = await db
    .select({
      batch: deploymentGateways.batch,
      status: deploymentGateways.status,
      n: count(),
      lastFinished: max(deploymentGateways.finishedAt),
    })
    .from(deploymentGateways)
    .where(and(eq(deploymentGateways.deploymentId, d.id), not(takenOver(d.id))))
    .groupBy(deploymentGateways.batch, deploymentGateways.status);
  const lastBatch = rows.reduce((m, r) => Math.max(m, r.batch), -1);
  if (d.current_batch >= lastBatch) return null;
  const upToCurrent = rows.filter((r) => r.batch <= d.current_batch);
  const batch = d.current_batch + 2;
  if (upToCurrent.some((r) => UNFINISHED.includes(r.status))) return { batch, at: null };
  const last = upToCurrent.reduce<number | null>((m, r) => {
    const t = r.lastFinished ? new Date(r.lastFinished).getTime() : null;
    return t == null ? m : Math.max(m ?? t, t);
  }, null);
  return { batch, at: new Date((last ?? Date.now()) + (d.strategy.pause_seconds ?? 0) * 1000) };
}
