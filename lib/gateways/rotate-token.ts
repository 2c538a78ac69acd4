import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { issueOpampToken } from "./opamp-token";
import { findGatewayOr404, opampEndpointUrl } from "./lookup";
import { revokeGatewayCertificates } from "../agent-ca/store";

/**
 * Issues a new OpAMP token for a gateway. The old one stops verifying at once (its jti is no longer the gateway's),
 * its client certificates are revoked (they vouched for the old credential; the agent asks for a new one with its
 * next CSR), and the live OpAMP connection is told to close so the agent reconnects with the new token.
 */
export async function rotateGatewayToken(ctx: Ctx, id: string) {
  requireRole(ctx, "gateways.rotate_token");
  return ctx.db.transaction(async (tx) => {
    const gateway = await findGatewayOr404(tx, ctx.orgId, id, { forUpdate: true });
    const { token, expiresAt } = await issueOpampToken(tx, gateway);
    await recordAudit(tx, ctx, {
      action: "gateway.rotate_token",
      targetType: "gateway",
      targetId: gateway.id,
      details: { instance_id: gateway.instanceId },
    });
    await revokeGatewayCertificates(tx, gateway.id, "token_rotated");
    await publishAgentEvent(tx, { type: "disconnect", gatewayId: gateway.id });
    return { gateway_id: gateway.id, opamp_token: token, opamp_endpoint: opampEndpointUrl(), expires_at: expiresAt };
  });
}
