import type http from "node:http";
import type { TLSSocket } from "node:tls";
import type { Queryable } from "../db/client";
import { sql } from "drizzle-orm";
import { gateways } from "../db/schema";
import { uuidList } from "../db/lists";
import { verifyOpampToken, type GatewayLoader } from "../gateways/opamp-token";
import { bearerToken } from "../http/bearer";
import { batched } from "./batch";
import { presentedCertificate, requireCertificateFor } from "../agent-ca/store";

const loaders = new WeakMap<Queryable, GatewayLoader>();

/** Gateway rows for token checks, many connecting agents' rows read in one query. */
function gatewayLoader(db: Queryable): GatewayLoader {
  let load = loaders.get(db);
  if (!load) {
    load = batched(
      async (ids) =>
        new Map(
          (
            await db
              .select()
              .from(gateways)
              .where(sql`${gateways.id} in ${uuidList(ids)}`)
          ).map((g) => [g.id, g]),
        ),
    );
    loaders.set(db, load);
  }
  return load;
}

/**
 * Authenticates an OpAMP request (the WebSocket upgrade or an HTTP POST) by its `Authorization: Bearer` OpAMP
 * token, and over FlowGate's TLS listener by the client certificate too when the agent presents one (it must name
 * the same gateway and not be revoked). Throws UnauthorizedError. The token is returned for the connection's
 * memory only.
 */
export async function authenticateAgent(db: Queryable, req: http.IncomingMessage) {
  const certificate = await presentedCertificate(db, req);
  const token = bearerToken(req.headers.authorization);
  const gateway = await verifyOpampToken(db, token, gatewayLoader(db));
  requireCertificateFor(certificate, gateway.id);
  return { gateway, token: token as string, certificate };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0].trim() || undefined;

/**
 * The OpAMP URL this agent connected to (honouring a reverse proxy's X-Forwarded-Proto/Host). Offered back in
 * `connection_settings.opamp`, so an agent that reconnects with the offer lands where it already is.
 */
export function connectedEndpoint(req: http.IncomingMessage, websocket: boolean): string {
  const proto = first(req.headers["x-forwarded-proto"]) ?? ((req.socket as TLSSocket).encrypted ? "https" : "http");
  const host = first(req.headers["x-forwarded-host"]) ?? req.headers.host ?? "localhost";
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  const secure = proto === "https" || proto === "wss";
  const scheme = websocket ? (secure ? "wss" : "ws") : secure ? "https" : "http";
  return `${scheme}://${host}${pathname}`;
}

/** For logs: where a request came from. */
export function clientAddress(req: http.IncomingMessage): string {
  return first(req.headers["x-forwarded-for"]) ?? req.socket.remoteAddress ?? "unknown";
}
