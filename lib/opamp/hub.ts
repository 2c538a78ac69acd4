import { sql } from "drizzle-orm";
import { gateways } from "../db/schema";
import { byteaHexList } from "../db/lists";
import { getDatabase, type Database } from "../db/client";
import { publicUrl } from "../config";
import { subscribeAgentEvents, type AgentEvent } from "../events/bus";
import { closeProcessSingleton, processSingleton } from "../singleton";
import {
  recordConfigSentMany,
  recordRemoteConfigStatus,
  recordRemoteConfigStatuses,
} from "../deployments/rollout-status";
import { batched, writesInRounds } from "./batch";
import { CloseCode } from "./close-codes";
import { DesiredCache } from "./desired-cache";
import { addConnectionSettings, addRemoteConfig, desiredFor, type HandlerDeps } from "./handle-message";
import { errorText, opampLog } from "./log";
import { newSession, type AgentSession, type GatewayRow } from "./session";
import { agentCaEnabled, issueAgentCertificate } from "../agent-ca/store";
import { forgetOrgSettings, heartbeatIntervalSeconds, opampLimits } from "./settings";
import { StateWriter } from "./state-writer";
import { SHARED_TOKEN_AUDIT_ACTION, SHARED_TOKEN_BACKOFF_SECONDS, SharedTokenDetector } from "./shared-token";
import { recordAudit } from "../audit/record";
import { uidToString } from "./uid";
import { AgentCap, hasCap } from "./capabilities";
import { CommandType, type ServerToAgent } from "./types";
import { metrics } from "../metrics/registry";
import { pruneGatewayEvents, recordGatewayEvents, type GatewayEvent } from "../gateways/history";

/** A live WebSocket agent connection, as the hub drives it. */
export type LiveConnection = {
  session: AgentSession;
  /** Runs work in this connection's message order, so pushes never overtake replies. */
  enqueue(work: () => Promise<void>): void;
  send(msg: ServerToAgent, sentConfigHash?: string | null): void;
  close(code: number, reason: string): void;
};

type Remembered = { uid: Buffer; seq: bigint | null; stateKnown: boolean; at: number };
const remembered = (s: AgentSession): Remembered => ({
  uid: s.boundUid!,
  seq: s.lastSeq,
  stateKnown: s.stateKnown,
  at: Date.now(),
});

/** Hub-to-hub signals between server processes (the agent event bus carries the domain events). */
const HUB_CHANNEL = "flowgate_opamp_hub";
type HubSignal = { t: "claim"; g: string; c: string } | { t: "restart-delivered"; g: string };
const RESTART_TTL_MS = 10 * 60_000;
const HTTP_SESSION_IDLE_MS = 10 * 60_000;

/**
 * Connected agents of this process, by gateway. Acts on agent events from any process (LISTEN/NOTIFY): pushes
 * config, restart and settings to live WebSockets, queues restarts for HTTP agents' next poll, closes revoked
 * connections. One gateway has one live WebSocket: a newer one (in any process) replaces the older.
 */
export class OpampHub {
  readonly writer: StateWriter;
  readonly desired: DesiredCache;
  readonly deps: HandlerDeps;
  private live = new Map<string, LiveConnection>();
  private httpSessions = new Map<string, AgentSession>();
  private restarts = new Map<string, number>();
  /** What a just-closed connection knew, for a reconnect that comes before its batched state reached the database. */
  private recent = new Map<string, Remembered>();
  private sharedToken = new SharedTokenDetector();
  private stops: Array<() => Promise<void>> = [];
  private sentQueue: Array<{ gatewayId: string; hashHex: string }> = [];
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private telemetryBase: string | undefined;
  private prunedAt = 0;

  constructor(private database: Database) {
    const db = database.db;
    metrics().sources.connections = () => ({ websocket: this.live.size, http: this.httpSessions.size });
    this.writer = new StateWriter(db);
    this.desired = new DesiredCache(db);
    // Gateways bound to each uid, for many new agents in one query.
    const uidOwners = batched(async (hexUids) => {
      const rows = await db
        .select({ id: gateways.id, uid: gateways.opampInstanceUid })
        .from(gateways)
        .where(sql`${gateways.opampInstanceUid} in ${byteaHexList(hexUids)}`);
      const owners = new Map<string, string[]>();
      for (const r of rows) {
        const key = Buffer.from(r.uid!).toString("hex");
        owners.set(key, [...(owners.get(key) ?? []), r.id]);
      }
      return owners;
    });
    this.deps = {
      db,
      writer: this.writer,
      desired: (g) => this.desired.get(g),
      heartbeatSeconds: (orgId) => heartbeatIntervalSeconds(db, orgId),
      recordConfigStatus: writesInRounds(
        async (reports) => void (await recordRemoteConfigStatuses(db, reports)),
        async (r) => void (await recordRemoteConfigStatus(db, r.gatewayId, r)),
      ),
      recordEvents: writesInRounds(
        (events: GatewayEvent[]) => recordGatewayEvents(db, events),
        (e) => recordGatewayEvents(db, [e]),
      ),
      uidOwner: async (uid, gatewayId) =>
        (await uidOwners(uid.toString("hex")))?.find((id) => id !== gatewayId) ?? null,
      agentCaEnabled: (orgId) => agentCaEnabled(db, orgId),
      issueCertificate: (gateway, csrPem) => issueAgentCertificate(db, gateway, csrPem),
      // Fixed once the server listens, which precedes every agent; read per reply it cost ~3% of a status round.
      telemetryBase: () => (this.telemetryBase ??= publicUrl()),
      log: opampLog.warn,
    };
  }

  async start(): Promise<void> {
    this.writer.start();
    this.stops.push(await subscribeAgentEvents((e) => this.onEvent(e)));
    this.stops.push(await this.database.listen(HUB_CHANNEL, (p) => this.onSignal(JSON.parse(p) as HubSignal)));
    const { minPollSeconds } = opampLimits();
    this.timer = setInterval(() => void this.housekeeping(minPollSeconds), 5_000);
    this.timer.unref();
  }

  /** Starts resolving a gateway's desired config into the cache; a failure is left to the message that needs it. */
  prefetchDesired(gateway: GatewayRow): void {
    const pending = this.desired.get(gateway);
    if (pending instanceof Promise) pending.catch(() => {});
  }

  get connectionCount(): number {
    return this.live.size;
  }

  /**
   * Registers a new connection; an older one of the same gateway here is closed. Other servers are told only when
   * the database says the gateway is connected (somewhere), which spares a NOTIFY per connection on a fleet start.
   */
  attach(conn: LiveConnection, maybeConnectedElsewhere: boolean): void {
    const id = conn.session.gateway.id;
    const s = conn.session;
    const previous = this.live.get(id);
    // The agent's last connection knows more than the database (liveness is written in batches): an older socket
    // still open here (its close not yet seen), else what one that closed recently left behind.
    const prior = previous?.session.boundUid ? remembered(previous.session) : this.recent.get(id);
    if (prior && (!s.boundUid || prior.uid.equals(s.boundUid)))
      Object.assign(s, { boundUid: prior.uid, lastSeq: prior.seq, stateKnown: prior.stateKnown });
    this.live.set(id, conn);
    this.recordEvent({ gatewayId: id, kind: "connected", details: { transport: "websocket" } });
    if (previous) previous.close(CloseCode.Replaced, "Replaced by a newer connection of this gateway");
    if (maybeConnectedElsewhere) void this.signal({ t: "claim", g: id, c: conn.session.id });
  }

  /**
   * Whether a connection's first message may take its gateway over: null, or the back-off in seconds when another
   * collector sharing the token holds it (SharedTokenDetector). The first refusal of a window is audited.
   */
  async sharedTokenBackoff(s: AgentSession, uid: Buffer): Promise<number | null> {
    const id = s.gateway.id;
    const incumbent = this.live.get(id)?.session.boundUid ?? null;
    const refused = this.sharedToken.check(id, incumbent, uid);
    if (!refused) return null;
    if (refused.audit)
      await recordAudit(
        this.database.db,
        { orgId: s.gateway.orgId, actor: `gateway:${id}` },
        {
          action: SHARED_TOKEN_AUDIT_ACTION,
          targetType: "gateway",
          targetId: id,
          details: { instance_uid: uidToString(uid), connected_instance_uid: uidToString(incumbent!) },
        },
      );
    return SHARED_TOKEN_BACKOFF_SECONDS;
  }

  /** The socket closed. Marks the gateway disconnected unless a newer connection owns it or the agent said goodbye. */
  async detach(conn: LiveConnection, alreadyMarked: boolean): Promise<void> {
    const id = conn.session.gateway.id;
    if (this.live.get(id) !== conn) return;
    this.live.delete(id);
    const s = conn.session;
    if (s.boundUid) this.recent.set(id, remembered(s));
    if (!this.stopping && !alreadyMarked) await this.writer.disconnect(id, conn.session.lastTouch);
  }

  httpSession(row: GatewayRow, token: string, endpoint: string): AgentSession {
    let s = this.httpSessions.get(row.id);
    if (!s) {
      s = newSession(row, "http", token, endpoint);
      this.httpSessions.set(row.id, s);
    }
    if (row.connectionState === "disconnected")
      this.recordEvent({ gatewayId: row.id, kind: "connected", details: { transport: "http" } });
    s.token = token;
    s.opampEndpoint = endpoint;
    // Another server may have handled this agent's previous polls.
    if (
      row.sequenceNum !== null &&
      s.boundUid &&
      row.opampInstanceUid &&
      Buffer.from(row.opampInstanceUid).equals(s.boundUid)
    ) {
      if (s.lastSeq === null || BigInt(row.sequenceNum) > s.lastSeq) s.lastSeq = BigInt(row.sequenceNum);
    }
    return s;
  }

  dropHttpSession(gatewayId: string): void {
    this.httpSessions.delete(gatewayId);
  }

  /** The Restart command waiting for this HTTP agent, if it accepts one. */
  pendingRestart(s: AgentSession): number | undefined {
    const until = this.restarts.get(s.gateway.id);
    if (until === undefined || until < Date.now() || !hasCap(s.capabilities, AgentCap.AcceptsRestartCommand))
      return undefined;
    return CommandType.Restart;
  }

  restartDelivered(gatewayId: string): void {
    this.restarts.delete(gatewayId);
    void this.signal({ t: "restart-delivered", g: gatewayId });
  }

  /** A RemoteConfig was written to the agent: rollout rows become `sent`, deliveries of one burst in one statement. */
  configSent(gatewayId: string, hashHex: string): void {
    this.sentQueue.push({ gatewayId, hashHex });
    this.recordEvent({ gatewayId, kind: "config_sent", details: { hash: hashHex } });
    if (this.sentQueue.length > 1) return;
    setImmediate(() => {
      const sent = this.sentQueue;
      this.sentQueue = [];
      recordConfigSentMany(this.database.db, sent).catch((err) =>
        opampLog.warn(`rollout status update failed: ${errorText(err)}`),
      );
    });
  }

  private onEvent(e: AgentEvent): void {
    if (this.stopping) return;
    if (e.type === "config") {
      this.desired.invalidate(e.gatewayIds);
      for (const id of e.gatewayIds) this.withLive(id, (c) => this.pushConfig(c));
    } else if (e.type === "restart") {
      if (this.live.has(e.gatewayId)) this.withLive(e.gatewayId, (c) => this.pushRestart(c));
      else this.restarts.set(e.gatewayId, Date.now() + RESTART_TTL_MS);
    } else if (e.type === "disconnect") {
      this.desired.forget(e.gatewayId);
      this.httpSessions.delete(e.gatewayId);
      this.restarts.delete(e.gatewayId);
      this.live
        .get(e.gatewayId)
        ?.close(CloseCode.CredentialsRevoked, "OpAMP token rotated or revoked, or gateway deleted");
    } else if (e.type === "settings") {
      forgetOrgSettings(e.orgId);
      for (const c of this.live.values())
        if (c.session.gateway.orgId === e.orgId) c.enqueue(() => this.pushSettings(c));
    }
  }

  private onSignal(s: HubSignal): void {
    if (s.t === "restart-delivered") this.restarts.delete(s.g);
    const conn = this.live.get(s.g);
    if (s.t === "claim" && conn && conn.session.id !== s.c) {
      this.live.delete(s.g); // the newer connection (on another server) owns the gateway's state now
      conn.close(CloseCode.Replaced, "Replaced by a newer connection of this gateway");
    }
  }

  private withLive(gatewayId: string, work: (c: LiveConnection) => Promise<void>): void {
    const c = this.live.get(gatewayId);
    if (c) c.enqueue(() => work(c));
  }

  /** Pushes only after the agent's first message: that reply carries the capabilities and full picture. */
  private async pushConfig(c: LiveConnection): Promise<void> {
    const s = c.session;
    if (!s.firstReplySent || !s.lastUid) return;
    const reply: ServerToAgent = { instanceUid: s.lastUid };
    const hash = addRemoteConfig(s, reply, await desiredFor(s, this.deps));
    if (reply.remoteConfig) c.send(reply, hash);
  }

  private async pushRestart(c: LiveConnection): Promise<void> {
    const s = c.session;
    this.restartDelivered(s.gateway.id);
    if (!s.lastUid || !hasCap(s.capabilities, AgentCap.AcceptsRestartCommand)) {
      opampLog.warn(`restart for gateway ${s.gateway.id} not sent: the agent does not accept restart commands`);
      return;
    }
    c.send({ instanceUid: s.lastUid, command: { type: CommandType.Restart } });
    this.recordEvent({ gatewayId: s.gateway.id, kind: "restart_sent" });
    opampLog.info(`restart command sent to gateway ${s.gateway.id}`);
  }

  private async pushSettings(c: LiveConnection): Promise<void> {
    const s = c.session;
    if (!s.firstReplySent || !s.lastUid) return;
    const reply: ServerToAgent = { instanceUid: s.lastUid };
    const heartbeatSeconds = await this.deps.heartbeatSeconds(s.gateway.orgId);
    addConnectionSettings(s, reply, heartbeatSeconds, this.deps.telemetryBase(), false);
    if (reply.connectionSettings) c.send(reply);
  }

  private async housekeeping(minPollSeconds: number): Promise<void> {
    await this.writer.sweep(minPollSeconds);
    const now = Date.now();
    for (const [id, s] of this.httpSessions)
      if ((s.lastTouch?.at ?? 0) < now - HTTP_SESSION_IDLE_MS) this.httpSessions.delete(id);
    for (const [id, until] of this.restarts) if (until < now) this.restarts.delete(id);
    for (const [id, r] of this.recent) if (r.at < now - 60_000) this.recent.delete(id);
    this.sharedToken.prune(now);
    if (now - this.prunedAt > 3_600_000) {
      this.prunedAt = now;
      await pruneGatewayEvents(this.database.db).catch((err) =>
        opampLog.warn(`gateway history retention failed: ${errorText(err)}`),
      );
    }
  }

  /** History is a record, not a duty: a failed write is logged and the agent is served regardless. */
  recordEvent(e: GatewayEvent): void {
    this.deps.recordEvents(e).catch((err) => opampLog.warn(`gateway history write failed: ${errorText(err)}`));
  }

  private async signal(s: HubSignal): Promise<void> {
    try {
      await this.database.db.execute(sql`select pg_notify(${HUB_CHANNEL}, ${JSON.stringify(s)})`);
    } catch (err) {
      opampLog.warn(`hub signal failed: ${errorText(err)}`);
    }
  }

  /** Shutdown: close every socket with 1001 Going Away and mark those gateways disconnected in one statement. */
  async close(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const conns = [...this.live.values()];
    this.live.clear();
    for (const c of conns) c.close(CloseCode.GoingAway, "Server shutting down");
    await this.writer.disconnectAll(conns.map((c) => c.session.gateway.id));
    await this.writer.stop();
    for (const stop of this.stops) await stop().catch(() => {});
  }
}

/** The process-wide hub (server.ts and any Next bundle share it), started on first use. */
export function getOpampHub(): Promise<OpampHub> {
  return processSingleton("opamp-hub", async () => {
    const hub = new OpampHub(await getDatabase());
    await hub.start();
    return hub;
  });
}

export function closeOpampHub(): Promise<void> {
  return closeProcessSingleton<OpampHub>("opamp-hub", (hub) => hub.close());
}
