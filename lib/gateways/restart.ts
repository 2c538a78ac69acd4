import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { ConflictError } from "../errors";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { AgentCapability, hasCapability } from "../opamp/capabilities";
import { findGatewayOr404 } from "./lookup";

/** Asks the gateway's live OpAMP connection to send the Restart command (the OpAMP hub acts on the event). */
export async function requestGatewayRestart(ctx: Ctx, id: string) {
  requireRole(ctx, "gateways.restart");
  return ctx.db.transaction(async (tx) => {
    const gateway = await findGatewayOr404(tx, ctx.orgId, id);
    if (!hasCapability(gateway.capabilities, AgentCapability.AcceptsRestartCommand))
      throw new ConflictError("Agent does not accept restart commands");
    await recordAudit(tx, ctx, {
      action: "gateway.restart",
      targetType: "gateway",
      targetId: gateway.id,
      details: { instance_id: gateway.instanceId },
    });
    await publishAgentEvent(tx, { type: "restart", gatewayId: gateway.id });
    return { gateway_id: gateway.id, status: "restart_requested" as const };
  });
}
