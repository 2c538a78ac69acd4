import { and, eq, sql } from "drizzle-orm";
import { deploymentGateways, deployments, gatewayTimeseries } from "../db/schema";
import type { Ctx } from "../auth/context";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { DEPLOYMENT_NOT_FOUND, requireDeploymentId } from "../deployments/queries";
import { deploymentVolumeQuery } from "./schemas";
import { addVolumes, readGatewayVolumes, SIGNALS, type InOut, type SignalName } from "./volume";

const MIN = 60_000;
const DEFAULT_WINDOW_S = 3600;
const floorMin = (ms: number) => Math.floor(ms / MIN) * MIN;
const ceilMin = (ms: number) => Math.ceil(ms / MIN) * MIN;
const change = (before: number, after: number) => ({
  change: after - before,
  ratio: before > 0 ? (after - before) / before : null,
});

/**
 * The volume of a deployment's targeted gateways over the same window length before its start and after its end
 * (its finish; its start while it is still rolling out), with the change of the output. Boundaries are whole
 * minutes (the series' resolution), so the minutes a rollout spans count on neither side. The window shrinks to
 * the time elapsed since the end, so both sides always cover the same length; under a minute, `after` is null.
 */
export async function getDeploymentVolume(ctx: Ctx, id: string, query: Record<string, string>, now = new Date()) {
  const q = parseWith(deploymentVolumeQuery, query);
  const [d] = await ctx.db
    .select({ createdAt: deployments.createdAt, startedAt: deployments.startedAt, finishedAt: deployments.finishedAt })
    .from(deployments)
    .where(and(eq(deployments.id, requireDeploymentId(id)), eq(deployments.orgId, ctx.orgId)));
  if (!d) throw new NotFoundError(DEPLOYMENT_NOT_FOUND);
  const start = floorMin((d.startedAt ?? d.createdAt).getTime());
  const end = ceilMin((d.finishedAt ?? d.startedAt ?? d.createdAt).getTime());
  const requested = (q.window ?? DEFAULT_WINDOW_S) * 1000;
  const elapsed = floorMin(now.getTime() - end);
  const window = elapsed >= MIN ? Math.min(requested, elapsed) : requested;
  const scope = sql`${gatewayTimeseries.gatewayId} in (select ${deploymentGateways.gatewayId} from ${deploymentGateways} where ${deploymentGateways.deploymentId} = ${id})`;
  const side = async (from: number, to: number) => {
    const v = addVolumes([
      ...(await readGatewayVolumes(ctx.db, ctx.orgId, scope, new Date(from), new Date(to))).values(),
    ]);
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), signals: v.signals, bytes: v.bytes };
  };
  const before = await side(start - window, start);
  const after = elapsed >= MIN ? await side(end, end + window) : null;
  const delta = (pick: (s: typeof before) => InOut) => (after ? change(pick(before).out, pick(after).out) : null);
  return {
    deployment_id: id,
    window_seconds: window / 1000,
    before,
    after,
    delta: {
      signals: Object.fromEntries(SIGNALS.map((s) => [s, delta((x) => x.signals[s])])) as Record<
        SignalName,
        ReturnType<typeof delta>
      >,
      bytes: delta((x) => x.bytes),
    },
  };
}
