import type http from "node:http";
import { gunzip, gzipSync } from "node:zlib";
import { promisify } from "node:util";
import type { Db } from "../db/client";
import { UnauthorizedError } from "../errors";
import { authenticateAgent, clientAddress, connectedEndpoint } from "./auth";
import { decodeAgentToServer, encodeServerToAgent } from "./codec";
import { handleAgentMessage, type Outcome } from "./handle-message";
import type { OpampHub } from "./hub";
import { errorText, opampLog } from "./log";
import { maxMessageBytes, opampLimits } from "./settings";
import type { AgentToServer } from "./types";

const gunzipAsync = promisify(gunzip);
const PROTOBUF = "application/x-protobuf";

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/**
 * The plain HTTP transport [§Plain HTTP Transport]: POST an AgentToServer, get a ServerToAgent. Status codes
 * (docs/api/opamp.md): 401 bad token, 413 too large (after decompression), 400 with an empty body for bytes that are
 * not an AgentToServer, 503 + Retry-After when too many requests are in flight or the database is unavailable.
 * Server-to-agent messages (config, settings, restart) ride on the reply to the next poll.
 */
export function createHttpTransport(hub: OpampHub, db: Db) {
  const limits = opampLimits();
  let inFlight = 0;
  const retry = { "Retry-After": String(limits.retryAfterSeconds) };

  /** The gateway the token names and its org's message size limit; 401 or 503 otherwise. */
  async function authenticate(req: http.IncomingMessage) {
    try {
      const auth = await authenticateAgent(db, req);
      return { ...auth, maxBytes: await maxMessageBytes(db, auth.gateway.orgId) };
    } catch (err) {
      if (err instanceof UnauthorizedError) throw new HttpError(401, err.message, { "WWW-Authenticate": "Bearer" });
      throw new HttpError(503, "OpAMP is temporarily unavailable", retry);
    }
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isProtobuf(req.headers["content-type"])) throw new HttpError(415, `Content-Type must be ${PROTOBUF}`);
    const { gateway, token, maxBytes } = await authenticate(req);
    const body = await readBody(req, maxBytes);
    let msg: AgentToServer;
    try {
      msg = decodeAgentToServer(body);
    } catch (err) {
      opampLog.warn(`http gateway=${gateway.id} from=${clientAddress(req)}: undecodable AgentToServer (${errorText(err)})`);
      res.writeHead(400, { "Content-Length": "0" }).end();
      return;
    }
    const session = hub.httpSession(gateway, token, connectedEndpoint(req, false));
    let outcome: Outcome;
    try {
      outcome = await handleAgentMessage(session, msg, hub.deps, hub.pendingRestart(session));
    } catch (err) {
      opampLog.warn(`http gateway=${gateway.id}: message not processed: ${errorText(err)}`);
      throw new HttpError(503, "OpAMP is temporarily unavailable", retry);
    }
    const payload = encodeServerToAgent(outcome.reply);
    if (payload.length > maxBytes) {
      opampLog.warn(`http gateway=${gateway.id}: ServerToAgent of ${payload.length} bytes exceeds the limit; not sent`);
      throw new HttpError(500, "Response too large");
    }
    if (outcome.disconnect) {
      // Written before the reply, so whoever looks once the agent has its answer sees it disconnected.
      hub.dropHttpSession(gateway.id);
      await hub.writer.disconnect(gateway.id, session.lastTouch);
    }
    const gzip = acceptsGzip(req.headers["accept-encoding"]);
    const out = gzip ? gzipSync(payload) : Buffer.from(payload);
    res.writeHead(200, { "Content-Type": PROTOBUF, "Content-Length": String(out.length), ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
    res.end(out);
    delivered(gateway.id, outcome);
  }

  /** What the reply carried is now the agent's: rollout status, the restart queue. */
  function delivered(gatewayId: string, outcome: Outcome) {
    if (outcome.reply.command) hub.restartDelivered(gatewayId);
    if (outcome.sentConfigHash) hub.configSent(gatewayId, outcome.sentConfigHash);
  }

  return function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (inFlight >= limits.maxHttpInFlight) {
      opampLog.warn(`http from ${clientAddress(req)} refused: ${inFlight} requests in flight`);
      sendError(res, new HttpError(503, "Too many OpAMP requests; retry later", retry));
      return;
    }
    inFlight++;
    serve(req, res)
      .catch((err) => {
        if (!(err instanceof HttpError)) opampLog.warn(`http request failed: ${errorText(err)}`);
        sendError(res, err instanceof HttpError ? err : new HttpError(500, "Internal server error"));
      })
      .finally(() => inFlight--);
  };
}

function sendError(res: http.ServerResponse, err: HttpError): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ detail: err.message });
  res.writeHead(err.status, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), ...err.headers });
  res.end(body);
}

/** Media type check that ignores parameters and case (opamp-go compares exactly; clients vary). */
function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === PROTOBUF;
}

/** The request body, gunzipped when Content-Encoding says so, refused with 413 beyond `max` bytes either way. */
async function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `AgentToServer larger than ${max} bytes`);
  if (Number(req.headers["content-length"] ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return raw;
  if (encoding !== "gzip") throw new HttpError(415, `Unsupported Content-Encoding ${encoding}`);
  try {
    return await gunzipAsync(raw, { maxOutputLength: max });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new HttpError(400, "Request body is not valid gzip");
  }
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
