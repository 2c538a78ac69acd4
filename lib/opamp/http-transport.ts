import type http from "node:http";
import { gzipSync } from "node:zlib";
import { isDatabaseUnavailable, type Db } from "../db/client";
import { DomainError, ServiceUnavailableError, UnsupportedMediaTypeError } from "../errors";
import { readDecodedBody } from "../http/body";
import { authenticateAgent, clientAddress, connectedEndpoint } from "./auth";
import { decodeAgentToServer, encodeServerToAgent } from "./codec";
import { toOpampHttpError } from "./errors";
import { handleAgentMessage, type Outcome } from "./handle-message";
import { observeOpampMessage } from "../metrics/registry";
import type { OpampHub } from "./hub";
import { errorText, opampLog } from "./log";
import { maxMessageBytes, opampLimits } from "./settings";
import type { AgentToServer } from "./types";

const PROTOBUF = "application/x-protobuf";

/**
 * The plain HTTP transport [§Plain HTTP Transport]: POST an AgentToServer, get a ServerToAgent. Status codes
 * (docs/api/opamp.md): 401 bad token, 413 too large (after decompression), 400 with an empty body for bytes that are
 * not an AgentToServer, 503 + Retry-After when too many requests are in flight or the database is unavailable.
 * Server-to-agent messages (config, settings, restart) ride on the reply to the next poll.
 */
export function createHttpTransport(hub: OpampHub, db: Db) {
  const limits = opampLimits();
  let inFlight = 0;
  const unavailable = (message: string) => new ServiceUnavailableError(message, limits.retryAfterSeconds);

  /** The gateway the token names and its org's message size limit; 401 or 503 otherwise. */
  async function authenticate(req: http.IncomingMessage) {
    try {
      const auth = await authenticateAgent(db, req);
      return { ...auth, maxBytes: await maxMessageBytes(db, auth.gateway.orgId) };
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      throw unavailable("OpAMP is temporarily unavailable");
    }
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isProtobuf(req.headers["content-type"]))
      throw new UnsupportedMediaTypeError(`Content-Type must be ${PROTOBUF}`);
    const { gateway, token, maxBytes } = await authenticate(req);
    const body = await readDecodedBody(req, maxBytes);
    let msg: AgentToServer;
    try {
      msg = decodeAgentToServer(body);
    } catch (err) {
      observeOpampMessage("http", "malformed", 0);
      opampLog.warn(
        `http gateway=${gateway.id} from=${clientAddress(req)}: undecodable AgentToServer (${errorText(err)})`,
      );
      res.writeHead(400, { "Content-Length": "0" }).end();
      return;
    }
    const session = hub.httpSession(gateway, token, connectedEndpoint(req, false));
    let outcome: Outcome;
    const started = performance.now();
    try {
      outcome = await handleAgentMessage(session, msg, hub.deps, hub.pendingRestart(session));
      observeOpampMessage("http", "ok", started);
    } catch (err) {
      observeOpampMessage("http", "error", started);
      opampLog.warn(`http gateway=${gateway.id}: message not processed: ${errorText(err)}`);
      // Retrying helps only when the database is down; anything else would fail again the same way.
      if (isDatabaseUnavailable(err)) throw unavailable("OpAMP is temporarily unavailable");
      throw new DomainError("Internal server error");
    }
    const payload = encodeServerToAgent(outcome.reply);
    if (payload.length > maxBytes) {
      opampLog.warn(`http gateway=${gateway.id}: ServerToAgent of ${payload.length} bytes exceeds the limit; not sent`);
      throw new DomainError("Response too large");
    }
    if (outcome.disconnect) {
      // Written before the reply, so whoever looks once the agent has its answer sees it disconnected.
      hub.dropHttpSession(gateway.id);
      await hub.writer.disconnect(gateway.id, session.lastTouch);
    }
    const gzip = acceptsGzip(req.headers["accept-encoding"]);
    const out = gzip ? gzipSync(payload) : Buffer.from(payload);
    res.writeHead(200, {
      "Content-Type": PROTOBUF,
      "Content-Length": String(out.length),
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    res.end(out);
    delivered(gateway.id, outcome);
  }

  /** What the reply carried is now the agent's: rollout status, the restart queue. */
  function delivered(gatewayId: string, outcome: Outcome) {
    if (outcome.reply.command) {
      hub.restartDelivered(gatewayId);
      hub.recordEvent({ gatewayId, kind: "restart_sent" });
    }
    if (outcome.sentConfigHash) hub.configSent(gatewayId, outcome.sentConfigHash);
  }

  return function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (inFlight >= limits.maxHttpInFlight) {
      opampLog.warn(`http from ${clientAddress(req)} refused: ${inFlight} requests in flight`);
      sendError(res, unavailable("Too many OpAMP requests; retry later"));
      return;
    }
    inFlight++;
    serve(req, res)
      .catch((err) => {
        if (!(err instanceof DomainError)) opampLog.warn(`http request failed: ${errorText(err)}`);
        sendError(res, err);
      })
      .finally(() => inFlight--);
  };
}

function sendError(res: http.ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  const { status, detail, headers } = toOpampHttpError(err);
  const body = JSON.stringify({ detail });
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** Media type check that ignores parameters and case (opamp-go compares exactly; clients vary). */
function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === PROTOBUF;
}

/** Whether Accept-Encoding allows gzip, honouring q-values (q=0 refuses) and `*`. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (name === "gzip" || name === "x-gzip") gzip = q;
    else if (name === "*") star = q;
  }
  return (gzip ?? star ?? 0) > 0;
}
