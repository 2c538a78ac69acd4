import { gateways } from "../db/schema";
import type { Ctx } from "../auth/context";
import { deleteOrgRowOr404 } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { GATEWAY_NOT_FOUND } from "./lookup";

/** Removes a gateway (its tags, logs and rollout rows cascade). Its OpAMP token dies with the row; the live connection is closed. */
export async function deleteGateway(ctx: Ctx, id: string) {
  requireRole(ctx, "gateways.delete");
  await ctx.db.transaction(async (tx) => {
    const gateway = await deleteOrgRowOr404(tx, gateways, { orgId: ctx.orgId, id, notFound: GATEWAY_NOT_FOUND });
    await recordAudit(tx, ctx, {
      action: "gateway.delete",
      targetType: "gateway",
      targetId: gateway.id,
      details: { instance_id: gateway.instanceId, name: gateway.name },
    });
    await publishAgentEvent(tx, { type: "disconnect", gatewayId: gateway.id });
  });
}
