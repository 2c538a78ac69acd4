import { promisify } from "node:util";
import zlib from "node:zlib";
import { getDb, type Db } from "../db/client";
import { DomainError, InvalidInputError, PayloadTooLargeError } from "../errors";
import { bearerToken, verifyOpampToken } from "../gateways/opamp-token";
import { decodeExportRequest, encodeExportResponse, encodeStatus, type Encoding, type OtlpSignal, type Signal } from "./otlp-codec";
import { ingestOwnLogs, ingestOwnMetrics } from "./ingest";

const gunzip = promisify(zlib.gunzip);
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const CONTENT_TYPES: Record<Encoding, string> = { protobuf: "application/x-protobuf", json: "application/json" };
// google.rpc.Code values for the Status body OTLP/HTTP puts on every 4xx/5xx.
const GRPC_CODES: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 413: 8, 415: 3 };

class UnsupportedMediaTypeError extends DomainError { override readonly status = 415; }

/** Request size limit, both as sent and after gunzip (FLOWGATE_OTLP_MAX_BYTES, default 8 MiB). */
export function otlpMaxBytes(): number {
  const n = Number(process.env.FLOWGATE_OTLP_MAX_BYTES);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

function encodingOf(contentType: string | null): Encoding | null {
  const media = contentType?.split(";")[0].trim().toLowerCase();
  if (media === CONTENT_TYPES.protobuf) return "protobuf";
  if (media === CONTENT_TYPES.json) return "json";
  return null;
}

/** Reads the body without ever holding more than the limit, then gunzips it (the limit applies again). */
async function readBody(req: Request, max: number): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? 0) > max) throw new PayloadTooLargeError(`Request body exceeds ${max} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new PayloadTooLargeError(`Request body exceeds ${max} bytes`);
      }
      chunks.push(Buffer.from(r.value));
    }
  }
  const raw = Buffer.concat(chunks);
  const coding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (coding === "identity" || coding === "") return raw;
  if (coding !== "gzip") throw new UnsupportedMediaTypeError(`Unsupported Content-Encoding "${coding}" (use gzip or none)`);
  try {
    return await gunzip(raw, { maxOutputLength: max });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new PayloadTooLargeError(`Decompressed body exceeds ${max} bytes`);
    throw new InvalidInputError("Could not decompress the gzip body");
  }
}

function reply(status: number, encoding: Encoding, body: Buffer): Response {
  return new Response(new Uint8Array(body), { status, headers: { "content-type": CONTENT_TYPES[encoding] } });
}

/**
 * The OTLP/HTTP exchange shared by FlowGate's receivers. `accept` authenticates (before the body is read) and
 * returns what consumes the decoded request. Success is 200 with an empty Export*ServiceResponse; failures carry a
 * google.rpc.Status, both in the request's encoding (JSON when the content type itself is unsupported).
 */
export async function serveOtlpExport(
  req: Request,
  signal: OtlpSignal,
  accept: (db: Db) => Promise<(request: Record<string, unknown>) => Promise<unknown>>,
): Promise<Response> {
  const encoding = encodingOf(req.headers.get("content-type"));
  try {
    const consume = await accept(await getDb());
    if (!encoding) throw new UnsupportedMediaTypeError("Content-Type must be application/x-protobuf or application/json");
    await consume(decodeExportRequest(signal, encoding, await readBody(req, otlpMaxBytes())));
    return reply(200, encoding, encodeExportResponse(signal, encoding));
  } catch (err) {
    const enc = encoding ?? "json";
    if (err instanceof DomainError) return reply(err.status, enc, encodeStatus(enc, GRPC_CODES[err.status] ?? 2, err.message));
    console.error(`[otlp] ${signal} export failed:`, err);
    return reply(500, enc, encodeStatus(enc, 13, "Internal server error"));
  }
}

/** OTLP/HTTP export endpoint for a gateway's own telemetry, authenticated by its OpAMP token. */
export function handleOtlpExport(req: Request, signal: Signal): Promise<Response> {
  return serveOtlpExport(req, signal, async (db) => {
    const gateway = await verifyOpampToken(db, bearerToken(req.headers.get("authorization")));
    return (request) => (signal === "metrics" ? ingestOwnMetrics(db, gateway, request) : ingestOwnLogs(db, gateway, request));
  });
}
