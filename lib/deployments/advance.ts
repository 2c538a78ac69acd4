import { and, count, eq, inArray, isNotNull, max, not, sql } from "drizzle-orm";
import { deploymentGateways, deployments, templateVersions } from "../db/schema";
import type { Tx } from "../db/client";
import { recordAudit } from "../audit/record";
import { releaseBatch, takenOver, type DeploymentRef } from "./release";
import { assignLateJoiners } from "./late-joiners";
import { failureLimit } from "./strategy";
import { reconcileReported } from "./reconcile";
import { ENGINE_OUTCOMES, isFinished, TAKES_LATE_JOINERS } from "./transitions";
import { servedContent } from "../config-distribution/served-content";
import type { Db } from "../db/client";
import { evaluateGates, gateFigures, type GatesView } from "./gates";
import { rollbackDeployment } from "./rollback";
import { InvalidInputError } from "../errors";
import { logger } from "../log/logger";

type Deployment = typeof deployments.$inferSelect;
const ENGINE = { actor: "system:deployment-engine" };
const UNFINISHED = ["pending", "sent", "applying"] as const;
const FAILED = ["failed", "timeout"] as const;

/** Gateways still silent (no APPLIED/FAILED) this long after their batch started are marked `timeout`, a failure. */
async function expireSilent(tx: Tx, deploymentId: string, timeoutSeconds: number) {
  await tx
    .update(deploymentGateways)
    .set({
      status: "timeout",
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
      errorMessage: `No config status reported within ${timeoutSeconds} s`,
    })
    .where(
      and(
        eq(deploymentGateways.deploymentId, deploymentId),
        inArray(deploymentGateways.status, [...UNFINISHED]),
        isNotNull(deploymentGateways.releasedAt),
        sql`coalesce(${deploymentGateways.sentAt}, ${deploymentGateways.releasedAt}) < now() - make_interval(secs => ${timeoutSeconds})`,
        not(takenOver(deploymentId)),
      ),
    );
}

/** Per-batch counts of the rows still counted (not taken over by a newer deployment). */
async function batchState(tx: Tx, deploymentId: string) {
  const rows = await tx
    .select({
      batch: deploymentGateways.batch,
      status: deploymentGateways.status,
      n: count(),
      sinceFinished: sql<number | null>`extract(epoch from now() - ${max(deploymentGateways.finishedAt)})::float8`,
    })
    .from(deploymentGateways)
    .where(and(eq(deploymentGateways.deploymentId, deploymentId), not(takenOver(deploymentId))))
    .groupBy(deploymentGateways.batch, deploymentGateways.status);
  const s = { live: 0, failures: 0, lastBatch: -1, rows };
  for (const r of rows) {
    s.live += Number(r.n);
    if ((FAILED as readonly string[]).includes(r.status)) s.failures += Number(r.n);
    s.lastBatch = Math.max(s.lastBatch, r.batch);
  }
  return s;
}

/** The engine's audit row `deployment.<event>` about this deployment. */
const engineAudit = (tx: Tx, d: Deployment, event: string, details: Record<string, unknown>) =>
  recordAudit(
    tx,
    { ...ENGINE, orgId: d.orgId },
    { action: `deployment.${event}`, targetType: "deployment", targetId: d.id, details },
  );

async function setStatus(
  tx: Tx,
  d: Deployment,
  status: (typeof ENGINE_OUTCOMES)[number],
  details: Record<string, unknown> = {},
) {
  const finished = isFinished(status);
  await tx
    .update(deployments)
    .set({ status, updatedAt: sql`now()`, ...(finished ? { finishedAt: sql`now()` } : {}) })
    .where(eq(deployments.id, d.id));
  await engineAudit(tx, d, status, { name: d.name, from: d.status, ...details });
}

/**
 * A breached gate: halt (or, on the last batch, fail) with the figures in the audit log, then roll back to the
 * template's previous version when the strategy asks for it, as the engine (in this same transaction).
 */
async function gatesFailed(tx: Tx, d: Deployment, v: GatesView, last: boolean) {
  const breached = v.results.filter((r) => r.state === "fail").map((r) => r.gate);
  await keepVerdict(tx, d, v);
  await setStatus(tx, d, last ? "failed" : "halted", { reason: "gates", breached, ...gateFigures(v) });
  if (!d.strategy.gates?.rollback) return;
  const engine = { db: tx as unknown as Db, orgId: d.orgId, role: "operator" as const, ...ENGINE };
  await rollbackDeployment(engine, d.id, {}).catch((err) => {
    // Nothing to return to (the first version): the halt stands, and says so.
    if (!(err instanceof InvalidInputError)) throw err;
    logger("deployments").warn({ deployment: d.id, err: err.message }, "gate rollback not possible");
    return engineAudit(tx, d, "rollback_skipped", { reason: err.message });
  });
}

/** The verdict as decided, so the rollout page shows the figures that decided it rather than today's. */
const keepVerdict = (tx: Tx, d: Deployment, v: GatesView) =>
  tx.update(deployments).set({ gateVerdict: v }).where(eq(deployments.id, d.id));

/** A batch whose gates passed: the figures go to the audit log as it is promoted (or the rollout completes). */
async function gatesPassed(tx: Tx, d: Deployment, v: GatesView | null) {
  if (!v) return;
  await keepVerdict(tx, d, v);
  await engineAudit(tx, d, "gates_passed", { name: d.name, ...gateFigures(v) });
}

/**
 * One engine step for one locked deployment: take in late joiners, settle rows from what agents reported, time
 * out silent gateways, then halt at the failure threshold, or start the next batch once the current one is
 * settled, its gates (if any) passed and the pause has passed, or finish.
 */
export async function advanceDeployment(tx: Tx, d: Deployment, timeoutSeconds: number) {
  const [v] = await tx
    .select({ content: servedContent })
    .from(templateVersions)
    .where(eq(templateVersions.id, d.templateVersionId));
  const ref: DeploymentRef = { id: d.id, orgId: d.orgId, content: v.content };
  if ((TAKES_LATE_JOINERS as readonly string[]).includes(d.status))
    await assignLateJoiners(tx, { ...ref, target: d.target, currentBatch: d.currentBatch });
  await reconcileReported(tx, d.id);
  await expireSilent(tx, d.id, timeoutSeconds);
  const s = await batchState(tx, d.id);
  if (d.status !== "in_progress" || s.live === 0) return;

  const limit = failureLimit(d.strategy, s.live);
  const upToCurrent = s.rows.filter((r) => r.batch <= d.currentBatch);
  const settled = upToCurrent.every((r) => !(UNFINISHED as readonly string[]).includes(r.status));
  if (s.failures >= limit && d.currentBatch < s.lastBatch)
    return setStatus(tx, d, "halted", { failures: s.failures, threshold: limit });
  if (!settled) return;
  const last = d.currentBatch >= s.lastBatch;
  // With gates, a settled batch is watched before anything moves on; a breach halts it.
  const verdict = await evaluateGates(tx, d, d.currentBatch);
  if (verdict?.state === "failed") return gatesFailed(tx, d, verdict, last);
  if (verdict && verdict.state !== "passed") return;
  if (last) {
    await gatesPassed(tx, d, verdict);
    return setStatus(tx, d, s.failures >= limit ? "failed" : "completed", { failures: s.failures });
  }

  const since = upToCurrent.reduce<number | null>(
    (m, r) => (r.sinceFinished == null ? m : m == null ? r.sinceFinished : Math.min(m, r.sinceFinished)),
    null,
  );
  if (since != null && since < (d.strategy.pause_seconds ?? 0)) return;
  await gatesPassed(tx, d, verdict);
  const next = d.currentBatch + 1;
  await tx
    .update(deployments)
    .set({ currentBatch: next, updatedAt: sql`now()` })
    .where(eq(deployments.id, d.id));
  await releaseBatch(tx, ref, next);
}
