import WebSocket from "ws";
import {
  decodeServerMessage,
  encodeAgentMessage,
  fullState,
  newInstanceUid,
  CAPABILITIES,
  REPORT_FULL_STATE,
  RemoteConfigStatus,
  type ServerMessage,
} from "./opamp-wire";

export type AgentSpec = { index: number; instanceId: string; token: string };
export type ConnectTiming = { upgradeMs: number; firstReplyMs: number };
/** Why a connect failed: the HTTP status and Retry-After of a refused upgrade, or a handshake that timed out. */
export type ConnectError = Error & { status?: number; retryAfterSeconds?: number; timedOut?: boolean };

const BASE_CONFIG =
  "receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n";

/** The spec's default heartbeat interval, for agents that report heartbeats and got no other offer. */
const DEFAULT_HEARTBEAT_MS = 30_000;

/**
 * One simulated collector speaking OpAMP over a real WebSocket: full state first, a reply for every ServerToAgent
 * that asks for one (ReportFullState, RemoteConfig → APPLIED), heartbeats on demand, and, like any agent announcing
 * ReportsHeartbeat, a heartbeat whenever it has been silent for the heartbeat interval (the server counts agents
 * silent for 3 intervals as gone).
 */
export class BenchAgent {
  uid = newInstanceUid();
  seq = 0;
  ws?: WebSocket;
  replies = 0;
  errors = 0;
  /** Arrival times (ms since epoch) of RemoteConfig messages. */
  configTimes: number[] = [];
  private configYaml = BASE_CONFIG;
  private remoteStatus: object = { status: RemoteConfigStatus.UNSET };
  private onReply?: () => void;
  private heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private lastSentAt = 0;
  private idleTimer?: NodeJS.Timeout;
  /** While timing (`startTiming`): when each unanswered message left, oldest first (one socket answers in order). */
  private sentAt: number[] = [];
  /** Round trips (ms) of the messages answered since `startTiming`; undefined when not timing. */
  roundTrips?: number[];
  /** Close codes of connections the server closed after they were answered (the bench's own goodbyes excluded). */
  closedByServer: number[] = [];
  private leaving = false;

  constructor(readonly spec: AgentSpec) {}

  /**
   * Opens the socket and resolves once the server answered the first (full state) message, with how long the
   * upgrade took (request sent to 101 received) and then the first reply (full state sent to its answer), in ms.
   * With `handshakeTimeoutMs` the upgrade is abandoned after that long, as opamp-go's dialer does (45 s there).
   */
  connect(url: string, localAddress: string | undefined, handshakeTimeoutMs?: number): Promise<ConnectTiming> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let opened = started;
      const ws = new WebSocket(url, {
        headers: { authorization: `Bearer ${this.spec.token}` },
        localAddress,
        perMessageDeflate: false,
        handshakeTimeout: handshakeTimeoutMs,
      });
      this.ws = ws;
      let settled = false;
      let answered = false;
      const fail = (err: ConnectError) => {
        if (settled) return;
        settled = true;
        ws.terminate();
        reject(err);
      };
      ws.on("unexpected-response", (_req, res) => {
        const retryAfter = Number(res.headers["retry-after"]);
        fail(
          Object.assign(new Error(`HTTP ${res.statusCode} on upgrade`), {
            status: res.statusCode,
            retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
          }),
        );
      });
      ws.on("error", (err) => fail(Object.assign(err, { timedOut: /handshake has timed out/i.test(err.message) })));
      ws.on("close", (code) => {
        if (answered && !this.leaving) this.closedByServer.push(code);
        fail(new Error("closed before the first reply"));
      });
      ws.on("open", () => {
        opened = performance.now();
        this.onReply = () => {
          settled = answered = true;
          this.scheduleIdleHeartbeat(Math.random() * this.heartbeatMs); // spread, so agents do not beat in step
          resolve({ upgradeMs: opened - started, firstReplyMs: performance.now() - opened });
        };
        this.sendFull();
      });
      ws.on("message", (data: Buffer) => this.handle(data));
    });
  }

  /** Sends an AgentToServer with this agent's uid and next sequence_num. */
  send(message: Record<string, unknown>) {
    this.seq += 1;
    this.lastSentAt = Date.now();
    if (this.roundTrips) this.sentAt.push(performance.now());
    this.ws!.send(encodeAgentMessage({ ...message, instanceUid: this.uid, sequenceNum: this.seq }));
  }

  private sendFull() {
    this.send(
      fullState({
        uid: this.uid,
        seq: this.seq,
        instanceId: this.spec.instanceId,
        index: this.spec.index,
        configYaml: this.configYaml,
        remoteStatus: this.remoteStatus,
      }),
    );
  }

  heartbeat() {
    this.send({ capabilities: CAPABILITIES });
  }

  private scheduleIdleHeartbeat(delayMs: number) {
    this.idleTimer = setTimeout(() => {
      if (this.ws?.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastSentAt >= this.heartbeatMs * 0.9) this.heartbeat();
      this.scheduleIdleHeartbeat(this.heartbeatMs);
    }, delayMs);
  }

  /** Calls `fn` after each later ServerToAgent (closed-loop load: one message in flight per agent). */
  setOnReply(fn: (() => void) | undefined) {
    this.onReply = fn;
  }

  /** Starts recording the round trip of every message sent from now on. */
  startTiming() {
    this.sentAt = [];
    this.roundTrips = [];
  }

  /** Stops timing: the round trips recorded, and the ages (ms) of the messages still unanswered. */
  stopTiming(): { roundTrips: number[]; unanswered: number[] } {
    const now = performance.now();
    const out = { roundTrips: this.roundTrips ?? [], unanswered: this.sentAt.map((t) => now - t) };
    this.roundTrips = undefined;
    this.sentAt = [];
    return out;
  }

  private handle(data: Buffer) {
    const sent = this.sentAt.shift();
    if (sent !== undefined) this.roundTrips?.push(performance.now() - sent);
    let msg: ServerMessage;
    try {
      msg = decodeServerMessage(data);
    } catch {
      this.errors += 1;
      return;
    }
    this.replies += 1;
    if (msg.errorResponse) this.errors += 1;
    const offered = Number(msg.connectionSettings?.opamp?.heartbeatIntervalSeconds ?? 0);
    if (offered > 0) this.heartbeatMs = offered * 1000;
    if (msg.agentIdentification?.newInstanceUid?.length) this.uid = Buffer.from(msg.agentIdentification.newInstanceUid);
    if (msg.remoteConfig) this.applyConfig(msg.remoteConfig);
    else if (msg.flags && (BigInt(msg.flags) & BigInt(REPORT_FULL_STATE)) !== 0n) this.sendFull();
    this.onReply?.();
  }

  /** Applies a RemoteConfig at once and reports APPLIED with the new effective config, as a collector would. */
  private applyConfig(rc: NonNullable<ServerMessage["remoteConfig"]>) {
    this.configTimes.push(Date.now());
    const files = rc.config?.configMap ?? {};
    const body = files[""]?.body ?? Object.values(files)[0]?.body;
    if (body) this.configYaml = Buffer.from(body).toString("utf8");
    this.remoteStatus = { lastRemoteConfigHash: rc.configHash ?? Buffer.alloc(0), status: RemoteConfigStatus.APPLIED };
    this.send({
      capabilities: CAPABILITIES,
      remoteConfigStatus: this.remoteStatus,
      effectiveConfig: {
        configMap: { configMap: { "": { body: Buffer.from(this.configYaml), contentType: "text/yaml" } } },
      },
    });
  }

  /** Says goodbye as the spec asks (AgentDisconnect, then a normal close). */
  disconnect() {
    this.leaving = true;
    clearTimeout(this.idleTimer);
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.send({ agentDisconnect: {} });
    this.ws.close(1000);
  }
}
