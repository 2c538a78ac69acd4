import path from "node:path";
import protobuf from "protobufjs";
import type { AgentToServer, ServerToAgent } from "./types";
import { env } from "../env";

/**
 * The only module that touches OpAMP bytes: protobufjs over the spec's own .proto files (loaded at run time from
 * `proto/`, so server.ts and any Next bundle find them from process.cwd()), plus the WebSocket header framing.
 */
const PROTO_DIR = () =>
  path.resolve(/*turbopackIgnore: true*/ env("FLOWGATE_PROTO_DIR") || path.join(process.cwd(), "proto"));

type Types = { AgentToServer: protobuf.Type; ServerToAgent: protobuf.Type };
let types: Types | undefined;

function load(): Types {
  if (types) return types;
  const dir = PROTO_DIR();
  const root = new protobuf.Root();
  // opamp.proto imports "opamp/v1/anyvalue.proto": resolve imports against the include root, as protoc -I proto would.
  root.resolvePath = (origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
  root.loadSync(path.join(dir, "opamp/v1/opamp.proto"), { keepCase: false });
  root.resolveAll();
  types = {
    AgentToServer: root.lookupType("opamp.proto.v1.AgentToServer"),
    ServerToAgent: root.lookupType("opamp.proto.v1.ServerToAgent"),
  };
  return types;
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: Number, defaults: false };

/**
 * Decodes an AgentToServer; throws on bytes that are not valid protobuf. uint64 fields become bigint. Every field
 * is set (absent sub-messages as undefined), so all messages share one object shape and the handler's reads of
 * them stay monomorphic: spreading whatever fields arrived made a shape per combination.
 */
export function decodeAgentToServer(data: Uint8Array): AgentToServer {
  const { AgentToServer: T } = load();
  const o = T.toObject(T.decode(data), TO_OBJECT) as Partial<Record<keyof AgentToServer, unknown>>;
  return {
    instanceUid: (o.instanceUid as Buffer | undefined) ?? Buffer.alloc(0),
    sequenceNum: BigInt((o.sequenceNum as string | undefined) ?? 0),
    capabilities: BigInt((o.capabilities as string | undefined) ?? 0),
    flags: BigInt((o.flags as string | undefined) ?? 0),
    agentDescription: o.agentDescription,
    health: o.health,
    effectiveConfig: o.effectiveConfig,
    remoteConfigStatus: o.remoteConfigStatus,
    packageStatuses: o.packageStatuses,
    agentDisconnect: o.agentDisconnect,
    connectionSettingsRequest: o.connectionSettingsRequest,
    customCapabilities: o.customCapabilities,
    customMessage: o.customMessage,
    availableComponents: o.availableComponents,
    connectionSettingsStatus: o.connectionSettingsStatus,
  } as AgentToServer;
}

/**
 * Encodes a ServerToAgent. A Restart command (type 0) goes out as a present, empty sub-message. A RemoteConfig
 * object (one per desired config, shared by every agent it goes to, never mutated) is encoded once and its field
 * appended: protobuf parsers accept fields in any order, and a rollout then costs one encoding, not thousands.
 */
export function encodeServerToAgent(m: ServerToAgent): Uint8Array {
  const { remoteConfig, ...rest } = m;
  const base = encodeFields({ ...rest, command: m.command ? (m.command.type === 0 ? {} : m.command) : undefined });
  if (!remoteConfig) return base;
  let field = encodedRemoteConfigs.get(remoteConfig);
  if (!field) encodedRemoteConfigs.set(remoteConfig, (field = encodeFields({ remoteConfig })));
  return Buffer.concat([base, field]);
}

const encodedRemoteConfigs = new WeakMap<object, Uint8Array>();

function encodeFields(fields: Record<string, unknown>): Uint8Array {
  const { ServerToAgent: T } = load();
  return T.encode(T.fromObject(bigintsToStrings(fields) as Record<string, unknown>)).finish();
}

/** For tests and logs: decode a ServerToAgent we produced. */
export function decodeServerToAgent(data: Uint8Array): Record<string, unknown> {
  const { ServerToAgent: T } = load();
  return T.toObject(T.decode(data), TO_OBJECT);
}

function bigintsToStrings(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(bigintsToStrings);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = bigintsToStrings(x);
  return out;
}

/** One WebSocket message: the varint header 0 (a single 0x00 byte) followed by the protobuf [§WebSocket Message Format]. */
export function frameWsMessage(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(payload.length + 1);
  out[0] = 0x00;
  out.set(payload, 1);
  return out;
}

export type Unframed = { ok: true; data: Buffer; legacy: boolean } | { ok: false; error: string };

/**
 * Splits a received WebSocket message into header and data. The header must be the varint 0; data is the rest
 * (possibly empty). Like opamp-go, a message starting with 0x0a (the tag of instance_uid, which pre-header
 * clients always sent first) is accepted as a legacy message without a header.
 */
export function unframeWsMessage(frame: Buffer): Unframed {
  if (frame.length === 0) return { ok: false, error: "empty WebSocket message: missing the OpAMP header" };
  if (frame[0] === 0x0a) return { ok: true, data: frame, legacy: true };
  let value = 0n;
  for (let i = 0; i < Math.min(frame.length, 10); i++) {
    value |= BigInt(frame[i] & 0x7f) << BigInt(7 * i);
    if ((frame[i] & 0x80) === 0) {
      if (value !== 0n) return { ok: false, error: `unsupported OpAMP header value ${value} (expected 0)` };
      return { ok: true, data: frame.subarray(i + 1), legacy: false };
    }
  }
  return { ok: false, error: "malformed OpAMP header varint" };
}
