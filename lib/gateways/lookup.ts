import { and, eq } from "drizzle-orm";
import { gateways } from "../db/schema";
import type { Queryable } from "../db/client";
import { NotFoundError } from "../errors";
import { publicUrl } from "../config";
import { isUuid } from "../uuid";

export const GATEWAY_NOT_FOUND = "Gateway not found";
/**
 * The gateway with this id in this org, else 404 "Gateway not found": a malformed id and another org's gateway
 * look exactly like a missing one. `forUpdate` locks the row for the rest of the transaction.
 */
export async function findGatewayOr404(db: Queryable, orgId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw new NotFoundError(GATEWAY_NOT_FOUND);
  const q = db
    .select()
    .from(gateways)
    .where(and(eq(gateways.id, id), eq(gateways.orgId, orgId)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError(GATEWAY_NOT_FOUND);
  return row;
}

/** The WebSocket URL of this server's OpAMP endpoint, derived from the public URL (http → ws, https → wss). */
export function opampEndpointUrl(): string {
  return publicUrl().replace(/^http(s?):\/\//i, (_, s: string) => `ws${s}://`) + "/api/v1/opamp/v1/opamp";
}
