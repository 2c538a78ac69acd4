import { randomBytes } from "node:crypto";
import path from "node:path";
import protobuf from "protobufjs";

/**
 * The bench agents' own wire code, straight from the spec: protobufjs over proto/opamp/v1 plus the WebSocket
 * header (varint 0 = one 0x00 byte) before every message. It does not use the server's codec.
 */
const root = new protobuf.Root();
const dir = path.resolve(import.meta.dirname, "../proto");
root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
root.loadSync(path.join(dir, "opamp/v1/opamp.proto"));
const AgentToServer = root.lookupType("opamp.proto.v1.AgentToServer");
const ServerToAgent = root.lookupType("opamp.proto.v1.ServerToAgent");

// AgentCapabilities bits of what opampsupervisor announces, ReportsOwnTraces aside.
export const CAPABILITIES =
  0x1 /* ReportsStatus */ |
  0x2 /* AcceptsRemoteConfig */ |
  0x4 /* ReportsEffectiveConfig */ |
  0x40 /* ReportsOwnMetrics */ |
  0x80 /* ReportsOwnLogs */ |
  0x400 /* AcceptsRestartCommand */ |
  0x800 /* ReportsHealth */ |
  0x1000 /* ReportsRemoteConfig */ |
  0x2000; /* ReportsHeartbeat */
export const REPORT_FULL_STATE = 0x1;
export const RemoteConfigStatus = { UNSET: 0, APPLIED: 1 } as const;

export type ServerMessage = {
  instanceUid?: Uint8Array;
  errorResponse?: { type?: number; errorMessage?: string };
  remoteConfig?: {
    config?: { configMap?: Record<string, { body?: Uint8Array; contentType?: string }> };
    configHash?: Uint8Array;
  };
  flags?: string;
  agentIdentification?: { newInstanceUid?: Uint8Array };
  command?: Record<string, unknown>;
  connectionSettings?: { opamp?: { heartbeatIntervalSeconds?: string } };
};

/** A 16-byte UUID v7: 48-bit milliseconds, version and variant bits, random rest. */
export function newInstanceUid(): Buffer {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}

export function encodeAgentMessage(message: Record<string, unknown>): Buffer {
  const payload = AgentToServer.encode(AgentToServer.fromObject(message)).finish();
  const frame = Buffer.allocUnsafe(payload.length + 1);
  frame[0] = 0x00;
  frame.set(payload, 1);
  return frame;
}

/** Strips the header varint (must be 0) and decodes the ServerToAgent. */
export function decodeServerMessage(frame: Buffer): ServerMessage {
  if (frame.length === 0 || frame[0] !== 0x00) throw new Error(`bad OpAMP header byte ${frame[0]}`);
  return ServerToAgent.toObject(ServerToAgent.decode(frame.subarray(1)), {
    longs: String,
    defaults: false,
  }) as ServerMessage;
}

const kv = (key: string, stringValue: string) => ({ key, value: { stringValue } });

/** Everything the agent's capabilities say it reports: sent first, and again on ReportFullState. */
export function fullState(a: {
  uid: Buffer;
  seq: number;
  instanceId: string;
  index: number;
  configYaml: string;
  remoteStatus?: object;
}) {
  const nowNanos = String(BigInt(Date.now()) * 1_000_000n);
  return {
    instanceUid: a.uid,
    sequenceNum: a.seq,
    capabilities: CAPABILITIES,
    agentDescription: {
      identifyingAttributes: [
        kv("service.name", "otelcol-contrib"),
        kv("service.instance.id", a.instanceId),
        kv("service.version", "0.130.0"),
      ],
      nonIdentifyingAttributes: [
        kv("host.name", `bench-host-${a.index}`),
        kv("os.type", "linux"),
        kv("os.description", "Debian GNU/Linux 12"),
      ],
    },
    health: { healthy: true, startTimeUnixNano: nowNanos, status: "StatusOK", statusTimeUnixNano: nowNanos },
    effectiveConfig: {
      configMap: { configMap: { "": { body: Buffer.from(a.configYaml), contentType: "text/yaml" } } },
    },
    remoteConfigStatus: a.remoteStatus ?? { status: RemoteConfigStatus.UNSET },
  };
}
