import { and, eq, isNotNull, sql } from "drizzle-orm";
import { deploymentGateways, deployments } from "../db/schema";
import type { Tx } from "../db/client";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { ConflictError, NotFoundError } from "../errors";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { DEPLOYMENT_NOT_FOUND, requireDeploymentId } from "./queries";
import { COMMANDS, canApply, isFinished, type Command } from "./transitions";

/** Locks one of the org's deployments for the rest of the transaction (the engine skips locked rows). */
export async function lockDeployment(tx: Tx, orgId: string, id: string) {
  const [d] = await tx
    .select()
    .from(deployments)
    .where(and(eq(deployments.id, requireDeploymentId(id)), eq(deployments.orgId, orgId)))
    .for("update");
  if (!d) throw new NotFoundError(DEPLOYMENT_NOT_FOUND);
  return d;
}

async function transition(ctx: Ctx, id: string, command: Command, after?: (tx: Tx, id: string) => Promise<void>) {
  requireRole(ctx, `deployments.${command}`);
  const t = COMMANDS[command];
  return ctx.db.transaction(async (tx) => {
    const d = await lockDeployment(tx, ctx.orgId, id);
    if (!canApply(command, d.status)) throw new ConflictError(t.refusal(d.status), { status: d.status });
    await tx
      .update(deployments)
      .set({ status: t.to, updatedAt: sql`now()`, ...(isFinished(t.to) ? { finishedAt: sql`now()` } : {}) })
      .where(eq(deployments.id, d.id));
    await recordAudit(tx, ctx, {
      action: `deployment.${command}`,
      targetType: "deployment",
      targetId: d.id,
      details: { name: d.name, from: d.status, to: t.to },
    });
    await after?.(tx, d.id);
    return { id: d.id, status: t.to };
  });
}

/** Stops releasing further batches; gateways already reached keep the config and keep reporting. */
export function pauseDeployment(ctx: Ctx, id: string) {
  return transition(ctx, id, "pause");
}

/** Continues a paused rollout, or a halted one (an operator's override: if failures are still at the threshold it halts again). */
export function resumeDeployment(ctx: Ctx, id: string) {
  return transition(ctx, id, "resume");
}

/**
 * Stops the rollout for good. A cancelled deployment is no gateway's desired config any more, so the gateways it
 * reached go back to the next newest deployment that reached them (or the base config), and are told on commit.
 */
export function cancelDeployment(ctx: Ctx, id: string) {
  return transition(ctx, id, "cancel", async (tx, deploymentId) => {
    const reached = await tx
      .select({ id: deploymentGateways.gatewayId })
      .from(deploymentGateways)
      .where(and(eq(deploymentGateways.deploymentId, deploymentId), isNotNull(deploymentGateways.releasedAt)));
    if (reached.length) await publishAgentEvent(tx, { type: "config", gatewayIds: reached.map((r) => r.id) });
  });
}
