import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { Db } from "../db/client";
import { InvalidInputError, ServiceUnavailableError, UnauthorizedError } from "../errors";
import { rejectUpgrade } from "../server/upgrade";
import { authenticateAgent, clientAddress, connectedEndpoint } from "./auth";
import { CloseCode } from "./close-codes";
import { decodeAgentToServer, encodeServerToAgent, frameWsMessage, unframeWsMessage } from "./codec";
import { toOpampHttpError, toServerErrorResponse } from "./errors";
import { handleAgentMessage, type Outcome } from "./handle-message";
import { observeOpampMessage } from "../metrics/registry";
import type { LiveConnection, OpampHub } from "./hub";
import { errorText, opampLog } from "./log";
import { withLogContext } from "../log/context";
import { subscribeAgentEvents } from "../events/bus";
import { newSession, type AgentSession } from "./session";
import { maxMessageBytes, opampLimits } from "./settings";
import type { AgentToServer, ServerToAgent } from "./types";

const MAX_QUEUED_MESSAGES = 64;
const MAX_MALFORMED_IN_A_ROW = 5;
const BINARY = { binary: true } as const;
type Limits = { maxMessageBytes: number; retryAfterSeconds: number };
/** A received message, or work the hub ordered after the messages before it. */
type Queued = { data: Buffer; isBinary: boolean } | (() => Promise<void>);

/**
 * One agent's WebSocket: messages handled strictly in order, one failure never touching another connection. What
 * it does runs in its log context, so every line written meanwhile (here, in the hub, in the writer) has its conn_id.
 * It joins the hub (replacing the gateway's older connection) only with its first AgentToServer: a client that gave
 * up during the handshake never sends one, so its abandoned socket never displaces the live connection.
 */
class WsConnection implements LiveConnection {
  readonly logContext = { conn_id: randomUUID() };
  private queue: Queued[] = [];
  private draining = false;
  private queued = 0;
  private malformed = 0;
  private alive = true;
  private spokeThisRound = false;
  private saidGoodbye = false;
  private provedAlive = false;

  constructor(
    private ws: WebSocket,
    readonly session: AgentSession,
    private hub: OpampHub,
    private limits: Limits,
    private address: string,
    private onFirstMessage: (conn: WsConnection) => void,
  ) {
    ws.on("message", (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on("pong", () => (this.alive = true));
    ws.on("error", (err) => this.inContext(() => opampLog.warn(`${this.who()}: ${err.message}`)));
    ws.on("close", (code) =>
      this.inContext(() => {
        opampLog.info(`${this.who()} closed (${code})`);
        void this.hub.detach(this, this.saidGoodbye);
      }),
    );
  }

  enqueue(work: () => Promise<void>): void {
    this.push(work);
  }

  private push(entry: Queued): void {
    this.queue.push(entry);
    if (!this.draining) this.inContext(this.drain);
  }

  /**
   * Works off the queue one entry at a time, in this connection's log context. An entry that finishes at once (a
   * heartbeat whose answer is cached) costs no promise; one that must wait suspends the loop until it settles.
   * Every promise costs the async-context hooks, at thousands of messages a second.
   */
  private readonly drain = (): void => {
    this.draining = true;
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const pending = this.run(next);
      if (pending) return void pending.then(this.drain);
    }
    this.draining = false;
  };

  /** One queue entry; a promise only when it has to wait (never rejected: a failure is logged). */
  private run(entry: Queued): Promise<void> | undefined {
    const message = typeof entry !== "function";
    let pending: Promise<void> | void = undefined;
    try {
      pending = message ? this.process(entry.data, entry.isBinary) : entry();
    } catch (err) {
      this.warnFailed(err);
    }
    if (!message) return pending?.catch(this.warnFailed);
    if (pending) return pending.then(this.messageDone, this.messageFailed);
    this.queued--;
  }

  // Built once per connection: a closure per message would cost its allocation (and, under tsx, a naming call).
  private readonly warnFailed = (err: unknown) => opampLog.warn(`${this.who()}: ${errorText(err)}`);
  private readonly messageDone = () => void this.queued--;
  private readonly messageFailed = (err: unknown) => {
    this.queued--;
    this.warnFailed(err);
  };

  send(msg: ServerToAgent, sentConfigHash?: string | null): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const bytes = encodeServerToAgent(msg);
    if (bytes.length > this.limits.maxMessageBytes) {
      this.inContext(() =>
        opampLog.warn(
          `${this.who()}: ServerToAgent of ${bytes.length} bytes exceeds the ${this.limits.maxMessageBytes}-byte limit; not sent`,
        ),
      );
      return;
    }
    this.ws.send(
      frameWsMessage(bytes),
      BINARY,
      sentConfigHash
        ? (err) => {
            if (!err) this.hub.configSent(this.session.gateway.id, sentConfigHash);
          }
        : undefined,
    );
  }

  close(code: number, reason: string): void {
    this.inContext(() => this.closeNow(code, reason));
  }

  private closeNow(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      opampLog.info(`${this.who()}: closing (${code} ${reason})`);
      this.ws.close(code, reason);
      setTimeout(() => this.ws.terminate(), 5_000).unref(); // a peer that never completes the close handshake
    }
  }

  /**
   * Keepalive round: a socket that did not answer the previous ping is dead. An agent that sent a message since the
   * last round has shown it is there, so it is not pinged: a heartbeating fleet costs one event per heartbeat, not
   * two more for ping and pong.
   */
  keepalive(): void {
    if (this.spokeThisRound) {
      this.spokeThisRound = false;
      this.alive = true;
      return;
    }
    if (!this.alive) {
      this.inContext(() => opampLog.info(`${this.who()}: no pong, terminating`));
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    this.alive = true;
    this.spokeThisRound = true;
    if (this.queued >= MAX_QUEUED_MESSAGES) return this.inContext(() => this.refuseFlood());
    this.queued++;
    this.push({ data, isBinary });
  }

  private refuseFlood(): void {
    opampLog.warn(`${this.who()}: more than ${MAX_QUEUED_MESSAGES} messages waiting; closing`);
    this.send(
      toServerErrorResponse(
        this.session.lastUid ?? Buffer.alloc(0),
        new ServiceUnavailableError("Too many messages in flight", this.limits.retryAfterSeconds),
      ),
    );
    this.close(CloseCode.TryAgainLater, "Too many messages in flight");
  }

  private process(data: Buffer, isBinary: boolean): Promise<void> | void {
    const started = performance.now();
    if (!isBinary) return this.malformedInput("a text frame (OpAMP messages are binary)");
    const unframed = unframeWsMessage(data);
    if (!unframed.ok) return this.malformedInput(unframed.error);
    let msg: AgentToServer;
    try {
      msg = decodeAgentToServer(unframed.data);
    } catch (err) {
      return this.malformedInput(`undecodable AgentToServer (${errorText(err)})`);
    }
    this.malformed = 0;
    return this.provedAlive ? this.answer(msg, started) : this.firstMessage(msg, started);
  }

  /** The first message attaches the connection to the hub, unless another agent holds the gateway's token. */
  private async firstMessage(msg: AgentToServer, started: number): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const backoff = await this.hub.sharedTokenBackoff(this.session, msg.instanceUid);
    if (backoff !== null) return this.refuseSharedToken(msg.instanceUid, backoff);
    this.provedAlive = true;
    this.onFirstMessage(this);
    return this.answer(msg, started);
  }

  /** Handles a decoded message and sends its reply; a failure is answered with UNAVAILABLE. */
  private answer(msg: AgentToServer, started: number): Promise<void> | void {
    try {
      const outcome = handleAgentMessage(this.session, msg, this.hub.deps);
      const done =
        outcome instanceof Promise ? outcome.then((o) => this.answered(o, started)) : this.answered(outcome, started);
      if (done) return done.catch((err) => this.notProcessed(msg, started, err));
    } catch (err) {
      this.notProcessed(msg, started, err);
    }
  }

  private answered(outcome: Outcome, started: number): Promise<void> | void {
    this.send(outcome.reply, outcome.sentConfigHash);
    observeOpampMessage("websocket", "ok", started);
    if (!outcome.disconnect) return;
    this.saidGoodbye = true;
    opampLog.info(`${this.who()}: AgentDisconnect`);
    return this.hub.writer.disconnect(this.session.gateway.id, this.session.lastTouch);
  }

  private notProcessed(msg: AgentToServer, started: number, err: unknown): void {
    observeOpampMessage("websocket", "error", started);
    opampLog.warn(`${this.who()}: message not processed: ${errorText(err)}`);
    this.send(
      toServerErrorResponse(
        msg.instanceUid,
        new ServiceUnavailableError(
          "The server could not process this message; retry later",
          this.limits.retryAfterSeconds,
        ),
      ),
    );
  }

  /** Another collector holds this gateway with the same token: UNAVAILABLE with a retry hint, then 4003. */
  private refuseSharedToken(uid: Buffer, backoffSeconds: number): void {
    const why = `another agent with a different instance_uid uses this gateway's token; retry after ${backoffSeconds} s`;
    opampLog.warn(`${this.who()}: refused, ${why}`);
    this.send(toServerErrorResponse(uid, new ServiceUnavailableError(`Refused: ${why}`, backoffSeconds)));
    this.close(CloseCode.SharedToken, `Token shared with another agent; retry after ${backoffSeconds} s`);
  }

  /** BAD_REQUEST for what is not an OpAMP message [§Bad Request]; a client that keeps sending garbage is closed. */
  private malformedInput(reason: string): void {
    observeOpampMessage("websocket", "malformed", 0);
    this.malformed++;
    opampLog.warn(`${this.who()}: malformed message: ${reason}`);
    this.send(
      toServerErrorResponse(
        this.session.lastUid ?? Buffer.alloc(0),
        new InvalidInputError(`Malformed message: ${reason}`),
      ),
    );
    if (this.malformed >= MAX_MALFORMED_IN_A_ROW) this.close(CloseCode.PolicyViolation, "Too many malformed messages");
  }

  /** Socket events and calls from the hub arrive in other contexts (or none). */
  private inContext(fn: () => void): void {
    withLogContext(this.logContext, fn);
  }

  private who(): string {
    return `ws gateway=${this.session.gateway.id} from=${this.address}`;
  }
}

/** Refuses an upgrade with the status the error maps to, on the raw socket (no 101 was sent). */
function refuse(socket: Duplex, err: unknown): void {
  const { status, detail, headers } = toOpampHttpError(err);
  rejectUpgrade(socket, status, detail, headers);
}

/**
 * The WebSocket transport [§WebSocket Transport]: authenticates the upgrade request before upgrading (401 on the
 * raw socket otherwise), throttles with 503 + Retry-After over the connection limit and over the limit of pending
 * handshakes (upgrades being authenticated, or upgraded but without a first message yet), caps message size (ws
 * closes with 1009), and pings every connection to find dead sockets.
 */
export async function createWsServer(hub: OpampHub, db: Db) {
  const limits = opampLimits();
  // maxPayload is per WebSocketServer; orgs may set their own limit, so there is one server per limit in use.
  const servers = new Map<number, WebSocketServer>();
  const serverFor = (maxPayload: number) => {
    let wss = servers.get(maxPayload);
    if (!wss)
      servers.set(
        maxPayload,
        (wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false, clientTracking: false })),
      );
    return wss;
  };
  const conns = new Set<WsConnection>();
  /** Upgraded, not yet in the hub: the hub's revocation cannot reach them, so it is applied here. */
  const awaitingFirst = new Set<WsConnection>();
  let authenticating = 0;
  const pinger = setInterval(() => conns.forEach((c) => c.keepalive()), limits.pingIntervalMs);
  pinger.unref();
  const unsubscribe = await subscribeAgentEvents((e) => {
    if (e.type !== "disconnect") return;
    for (const c of awaitingFirst)
      if (c.session.gateway.id === e.gatewayId)
        c.close(CloseCode.CredentialsRevoked, "OpAMP token rotated or revoked, or gateway deleted");
  });

  function admissionRefusal(): { why: string; retryAfter: number } | null {
    if (conns.size + authenticating >= limits.maxConnections)
      return { why: `${limits.maxConnections} connections`, retryAfter: limits.retryAfterSeconds };
    // A storm's refused agents get spread-out hints, so they do not all come back in the same second.
    if (authenticating + awaitingFirst.size >= limits.maxPendingUpgrades)
      return {
        why: `${limits.maxPendingUpgrades} pending handshakes`,
        retryAfter: limits.retryAfterSeconds + Math.floor(Math.random() * (limits.retryAfterSeconds / 2 + 1)),
      };
    return null;
  }

  async function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const address = clientAddress(req);
    socket.on("error", () => {}); // a client vanishing during authentication must not crash the server
    const full = admissionRefusal();
    if (full) {
      opampLog.warn(`upgrade from ${address} refused: ${full.why}`);
      return refuse(socket, new ServiceUnavailableError("Too many OpAMP connections; retry later", full.retryAfter));
    }
    authenticating++;
    let auth: Awaited<ReturnType<typeof authenticateAgent>>;
    let maxBytes: number;
    try {
      auth = await authenticateAgent(db, req);
      maxBytes = await maxMessageBytes(db, auth.gateway.orgId);
    } catch (err) {
      const unauthorized = err instanceof UnauthorizedError;
      opampLog.warn(
        `upgrade from ${address} refused: ${unauthorized ? err.message : `authentication failed (${errorText(err)})`}`,
      );
      refuse(
        socket,
        unauthorized ? err : new ServiceUnavailableError("OpAMP is temporarily unavailable", limits.retryAfterSeconds),
      );
      return;
    } finally {
      authenticating--;
    }
    // The client may have given up while we checked its token (a handshake timeout during a connect storm).
    if (socket.destroyed || !socket.writable) return void socket.destroy();
    // Its first message needs the desired config (drift, RemoteConfig): resolved meanwhile, not after it arrives.
    hub.prefetchDesired(auth.gateway);
    const session = newSession(auth.gateway, "websocket", auth.token, connectedEndpoint(req, true));
    session.clientCertificate = auth.certificate;
    const wasConnected = auth.gateway.connectionState === "connected";
    serverFor(maxBytes).handleUpgrade(req, socket, head, (ws) => accept(ws, session, wasConnected, maxBytes, address));
  }

  /**
   * A connection's closures live as long as it does: built here, away from handleUpgrade's scope, they hold only what
   * they use, not the upgrade request and the whole gateway row authentication read.
   */
  function accept(ws: WebSocket, session: AgentSession, wasConnected: boolean, maxBytes: number, address: string) {
    const joinHub = (conn: WsConnection) => {
      awaitingFirst.delete(conn);
      withLogContext(conn.logContext, () => hub.attach(conn, wasConnected));
    };
    const conn = new WsConnection(
      ws,
      session,
      hub,
      { maxMessageBytes: maxBytes, retryAfterSeconds: limits.retryAfterSeconds },
      address,
      joinHub,
    );
    conns.add(conn);
    awaitingFirst.add(conn);
    ws.on("close", () => {
      conns.delete(conn);
      awaitingFirst.delete(conn);
    });
    withLogContext(conn.logContext, () => opampLog.info(`ws gateway=${session.gateway.id} from=${address} connected`));
  }

  return {
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
      handleUpgrade(req, socket, head).catch((err) => {
        opampLog.warn(`upgrade failed: ${errorText(err)}`);
        socket.destroy();
      });
    },
    async close(): Promise<void> {
      clearInterval(pinger);
      await unsubscribe().catch(() => {});
    },
  };
}
