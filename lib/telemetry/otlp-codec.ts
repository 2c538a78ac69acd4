import path from "node:path";
import protobuf from "protobufjs";
import { InvalidInputError } from "../errors";

/** The OTLP signals FlowGate receives from gateways as their own telemetry. */
export type Signal = "metrics" | "logs";
/** Every OTLP signal the codec reads: own telemetry, plus traces for captured samples. */
export type OtlpSignal = Signal | "traces";
export type Encoding = "protobuf" | "json";

/** Each signal's OTLP collector service: its proto package segment, and `Export<stem>Service{Request,Response}`. */
const SERVICE: Record<OtlpSignal, { pkg: string; stem: string }> = {
  metrics: { pkg: "metrics", stem: "Metrics" },
  logs: { pkg: "logs", stem: "Logs" },
  traces: { pkg: "trace", stem: "Trace" },
};
const SIGNALS = Object.keys(SERVICE) as OtlpSignal[];

/** The export request's message name, e.g. ExportMetricsServiceRequest. */
export const exportRequestName = (s: OtlpSignal) => `Export${SERVICE[s].stem}ServiceRequest`;

type Codec = { request: protobuf.Type; response: protobuf.Type; status: protobuf.Type };
let codecs: Record<OtlpSignal, Codec> | undefined;

/** google.rpc.Status (the OTLP/HTTP error body) without `details`, which we never send: same wire format. */
function statusType(): protobuf.Type {
  return new protobuf.Type("Status")
    .add(new protobuf.Field("code", 1, "int32"))
    .add(new protobuf.Field("message", 2, "string"));
}

/** Loads the OTLP protos once, from `proto/` in the working directory (Next does not trace .proto files). */
function load(): Record<OtlpSignal, Codec> {
  if (codecs) return codecs;
  const root = new protobuf.Root();
  const protoDir = path.join(/*turbopackIgnore: true*/ process.cwd(), "proto");
  root.resolvePath = (_origin, target) => path.join(protoDir, target);
  root.loadSync(
    SIGNALS.map((s) => `opentelemetry/proto/collector/${SERVICE[s].pkg}/v1/${SERVICE[s].pkg}_service.proto`),
  );
  const status = statusType();
  new protobuf.Root().add(status);
  const of = (s: OtlpSignal): Codec => {
    const pkg = `opentelemetry.proto.collector.${SERVICE[s].pkg}.v1`;
    return {
      request: root.lookupType(`${pkg}.${exportRequestName(s)}`),
      response: root.lookupType(`${pkg}.Export${SERVICE[s].stem}ServiceResponse`),
      status,
    };
  };
  codecs = { metrics: of("metrics"), logs: of("logs"), traces: of("traces") };
  return codecs;
}

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  bytes: String,
  defaults: false,
  arrays: true,
  oneofs: false,
};

/** OTLP/JSON writes trace and span ids as hex, where proto3 JSON (and protobufjs) expect base64. */
export const HEX_ID_KEYS = new Set(["traceId", "spanId", "parentSpanId"]);

function hexIdsToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBytes);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (HEX_ID_KEYS.has(k) && typeof v === "string") {
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(v)) throw new InvalidInputError(`${k} must be hex-encoded`);
      out[k] = Buffer.from(v, "hex");
    } else out[k] = hexIdsToBytes(v);
  }
  return out;
}

/**
 * Decodes an Export*ServiceRequest from protobuf bytes or OTLP/JSON into a plain object (camelCase keys, 64-bit
 * integers as decimal strings). Anything undecodable is a 400.
 */
export function decodeExportRequest(signal: OtlpSignal, encoding: Encoding, body: Buffer): Record<string, unknown> {
  const { request } = load()[signal];
  try {
    if (encoding === "protobuf") return request.toObject(request.decode(body), TO_OBJECT);
    const json: unknown = JSON.parse(body.toString("utf8"));
    if (!json || typeof json !== "object" || Array.isArray(json))
      throw new InvalidInputError("OTLP/JSON body must be an object");
    // fromObject accepts what OTLP/JSON allows beyond proto3's own mapping: int64s as strings, enums as integers.
    return request.toObject(request.fromObject(hexIdsToBytes(json) as Record<string, unknown>), TO_OBJECT);
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    throw new InvalidInputError(
      `Could not decode the ${encoding === "json" ? "OTLP/JSON" : "OTLP protobuf"} ${signal} request`,
    );
  }
}

/** An empty Export*ServiceResponse (full success) in the request's encoding. */
export function encodeExportResponse(signal: OtlpSignal, encoding: Encoding): Buffer {
  if (encoding === "json") return Buffer.from("{}");
  const { response } = load()[signal];
  return Buffer.from(response.encode(response.create({})).finish());
}

/** A google.rpc.Status body for OTLP/HTTP 4xx/5xx responses. */
export function encodeStatus(encoding: Encoding, code: number, message: string): Buffer {
  if (encoding === "json") return Buffer.from(JSON.stringify({ code, message }));
  const { status } = load().metrics;
  return Buffer.from(status.encode(status.create({ code, message })).finish());
}
