import { gateways } from "../db/schema";
import type { Ctx } from "../auth/context";
import { deleteOrgRowAudited } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { publishAgentEvent } from "../events/bus";
import { GATEWAY_NOT_FOUND } from "./lookup";
import { revokeGatewayCertificates } from "../agent-ca/store";

/**
 * Removes a gateway (its tags, logs and rollout rows cascade). Its OpAMP token dies with the row, its client
 * certificates are revoked (the TLS listener refuses them), and the live connection is closed.
 */
export async function deleteGateway(ctx: Ctx, id: string) {
  requireRole(ctx, "gateways.delete");
  await ctx.db.transaction(async (tx) => {
    const gateway = await deleteOrgRowAudited(
      tx,
      ctx,
      gateways,
      { id, notFound: GATEWAY_NOT_FOUND, noun: "gateway" },
      (g) => ({ instance_id: g.instanceId, name: g.name }),
    );
    await revokeGatewayCertificates(tx, gateway.id, "gateway_deleted");
    await publishAgentEvent(tx, { type: "disconnect", gatewayId: gateway.id });
  });
}
