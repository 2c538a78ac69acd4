import { eq } from "drizzle-orm";
import { gateways } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { findGatewayOr404 } from "./lookup";

/** Removes a gateway (its tags, logs and rollout rows cascade). Its OpAMP token dies with the row; the live connection is closed. */
export async function deleteGateway(ctx: Ctx, id: string) {
  requireRole(ctx, "gateways.delete");
  await ctx.db.transaction(async (tx) => {
    const gateway = await findGatewayOr404(tx, ctx.orgId, id, { forUpdate: true });
    await tx.delete(gateways).where(eq(gateways.id, gateway.id));
    await recordAudit(tx, ctx, {
      action: "gateway.delete",
      targetType: "gateway",
      targetId: gateway.id,
      details: { instance_id: gateway.instanceId, name: gateway.name },
    });
    await publishAgentEvent(tx, { type: "disconnect", gatewayId: gateway.id });
  });
}
