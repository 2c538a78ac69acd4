import type { Ctx } from "../auth/context";
import type { DeploymentTarget } from "../db/schema";
import { previewTarget } from "./target";

/** "Matches 37 gateways": the count and the first 50 a target would reach now (a read: viewers may preview). */
export async function previewDeploymentTarget(ctx: Ctx, target: DeploymentTarget) {
  const { count, gateways } = await previewTarget(ctx.db, ctx.orgId, target, 50);
  return {
    count,
    gateways: gateways.map((g) => ({
      id: g.id,
      name: g.name,
      instance_id: g.instanceId,
      status: g.status,
      connection_state: g.connectionState,
    })),
  };
}
