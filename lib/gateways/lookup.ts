import { gateways } from "../db/schema";
import type { Queryable } from "../db/client";
import { findOrgRowOr404 } from "../db/org-rows";
import { publicUrl } from "../config";

export const GATEWAY_NOT_FOUND = "Gateway not found";
/**
 * The gateway with this id in this org, else 404 "Gateway not found": a malformed id and another org's gateway
 * look exactly like a missing one. `forUpdate` locks the row for the rest of the transaction.
 */
export function findGatewayOr404(db: Queryable, orgId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  return findOrgRowOr404(db, gateways, { orgId, id, notFound: GATEWAY_NOT_FOUND, ...opts });
}

/** The WebSocket URL of this server's OpAMP endpoint, derived from the public URL (http → ws, https → wss). */
export function opampEndpointUrl(): string {
  return publicUrl().replace(/^http(s?):\/\//i, (_, s: string) => `ws${s}://`) + "/api/v1/opamp/v1/opamp";
}
