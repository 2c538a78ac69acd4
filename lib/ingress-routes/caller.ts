import { getDb } from "../db/client";
import { requireContext } from "../auth/caller";
import { API_KEY_PREFIX } from "../api-keys/create";
import { ForbiddenError } from "../errors";
import { verifyOpampToken } from "../gateways/opamp-token";
import { bearerToken } from "../http/bearer";
import type { RoutesCtx } from "./store";

/**
 * Authenticates a route-registry call. A Bearer token that is not an API key is the agent's OpAMP token: the
 * gateway acts as operator of its own org (routes only; this context is built nowhere else). API keys and
 * session users go through the usual org context (`org_id` query parameter).
 */
export async function requireRoutesContext(req: Request): Promise<RoutesCtx> {
  const token = bearerToken(req.headers.get("authorization"));
  if (token && !token.startsWith(API_KEY_PREFIX)) {
    const db = await getDb();
    const gateway = await verifyOpampToken(db, token);
    const orgId = new URL(req.url).searchParams.get("org_id");
    if (orgId && orgId !== gateway.orgId)
      throw new ForbiddenError("This gateway's token belongs to another organization");
    return { db, orgId: gateway.orgId, role: "operator", actor: `gateway:${gateway.id}`, gatewayId: gateway.id };
  }
  return { ...(await requireContext(req)), gatewayId: null };
}
