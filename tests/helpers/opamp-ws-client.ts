import path from "node:path";
import protobuf from "protobufjs";
import WebSocket from "ws";

/**
 * An OpAMP agent for tests, written from the spec (§WebSocket Transport, §WebSocket Message Format) and NOT
 * through lib/opamp: its own protobufjs root over proto/ with the proto's snake_case field names, its own header
 * framing, its own checks. A bug in the server's codec therefore cannot hide behind a shared helper.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(ROOT, "proto", target));
root.loadSync(path.join(ROOT, "proto/opamp/v1/opamp.proto"), { keepCase: true });
const A2S = root.lookupType("opamp.proto.v1.AgentToServer");
const S2A = root.lookupType("opamp.proto.v1.ServerToAgent");

/** AgentCapabilities bit values from the spec. */
export const Caps = {
  ReportsStatus: 0x1,
  AcceptsRemoteConfig: 0x2,
  ReportsEffectiveConfig: 0x4,
  ReportsOwnMetrics: 0x40,
  ReportsOwnLogs: 0x80,
  AcceptsOpAMPConnectionSettings: 0x100,
  AcceptsRestartCommand: 0x400,
  ReportsHealth: 0x800,
  ReportsRemoteConfig: 0x1000,
  ReportsHeartbeat: 0x2000,
  ReportsAvailableComponents: 0x4000,
} as const;

export type ServerToAgent = Record<string, any>;

/** A random UUID v7 as 16 bytes (RFC 9562 layout). */
export function newUid(): Buffer {
  const b = Buffer.alloc(16);
  b.writeUIntBE(Date.now(), 0, 6);
  for (let i = 6; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}

/** Encodes an AgentToServer given with the proto's field names (uint64 as number/string, bytes as Buffer). */
export function encodeAgentToServer(fields: Record<string, unknown>): Buffer {
  return Buffer.from(A2S.encode(A2S.fromObject(fields)).finish());
}

export function decodeServerToAgent(bytes: Uint8Array): ServerToAgent {
  return S2A.toObject(S2A.decode(bytes), { longs: String, enums: Number, defaults: false });
}

export function kv(key: string, value: string) {
  return { key, value: { string_value: value } };
}

/** Answers of the upgrade request when the server refuses to upgrade: status and headers. */
export function upgradeRefusal(
  url: string,
  headers: Record<string, string>,
  tls: { ca?: string; cert?: string; key?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, ...tls });
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      res.resume();
    });
    ws.on("open", () => {
      ws.close();
      reject(new Error("the server upgraded the connection"));
    });
    ws.on("error", () => {});
  });
}

export class TestAgent {
  uid: Buffer;
  seq: number;
  /** First byte of every binary message received (the OpAMP header). */
  readonly headerBytes: number[] = [];
  /** Violations of the transport rules seen from the server (text frames, a non-zero header). */
  readonly protocolErrors: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private inbox: ServerToAgent[] = [];
  private waiters: Array<(m: ServerToAgent) => void> = [];

  private constructor(
    readonly ws: WebSocket,
    opts: { uid?: Buffer; seq?: number },
  ) {
    this.uid = opts.uid ?? newUid();
    this.seq = opts.seq ?? 0;
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on("message", (data: Buffer, isBinary) => {
      if (!isBinary) return void this.protocolErrors.push("server sent a text frame");
      this.headerBytes.push(data[0]);
      if (data[0] !== 0x00) return void this.protocolErrors.push(`server sent header byte ${data[0]}, expected 0x00`);
      const msg = decodeServerToAgent(data.subarray(1));
      const w = this.waiters.shift();
      if (w) w(msg);
      else this.inbox.push(msg);
    });
  }

  /**
   * `tls`: for wss:// — the CA to trust the server with, and a client certificate (cert + key PEM) to present.
   * `autoPong: false` leaves the server's pings unanswered.
   */
  static connect(
    url: string,
    token: string,
    opts: { uid?: Buffer; seq?: number; tls?: { ca?: string; cert?: string; key?: string }; autoPong?: boolean } = {},
  ): Promise<TestAgent> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: { authorization: `Bearer ${token}` },
        autoPong: opts.autoPong ?? true,
        ...opts.tls,
      });
      ws.once("open", () => resolve(new TestAgent(ws, opts)));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  /** Sends an AgentToServer: instance_uid and the next sequence_num are filled in unless given. */
  send(fields: Record<string, unknown> = {}): void {
    const msg = { instance_uid: this.uid, sequence_num: this.seq++, ...fields };
    this.sendFrame(Buffer.concat([Buffer.from([0x00]), encodeAgentToServer(msg)]));
  }

  sendFrame(frame: Buffer, binary = true): void {
    this.ws.send(frame, { binary });
  }

  next(timeoutMs = 5_000): Promise<ServerToAgent> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ServerToAgent within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (m: ServerToAgent) => {
        clearTimeout(timer);
        resolve(m);
      };
      this.waiters.push(waiter);
    });
  }

  /** Sends and returns the reply. */
  async request(fields: Record<string, unknown> = {}): Promise<ServerToAgent> {
    this.send(fields);
    return this.next();
  }

  /** Resolves true if nothing arrives within `ms`. */
  async silentFor(ms: number): Promise<boolean> {
    if (this.inbox.length) return false;
    return this.next(ms).then(
      () => false,
      () => true,
    );
  }

  /** The spec's client-initiated close: AgentToServer with agent_disconnect, its reply, then Close 1000. */
  async disconnect(): Promise<ServerToAgent> {
    const reply = await this.request({ agent_disconnect: {} });
    this.ws.close(1000);
    await this.closed;
    return reply;
  }
}
