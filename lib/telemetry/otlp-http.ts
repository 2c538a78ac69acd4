import type { Db } from "../db/client";
import { DomainError, retryAfterHeader, UnsupportedMediaTypeError } from "../errors";
import type { verifyOpampToken } from "../gateways/opamp-token";
import { readDecodedBody } from "../http/body";
import {
  decodeExportRequest,
  encodeExportResponse,
  encodeStatus,
  type Encoding,
  type OtlpSignal,
  type Signal,
} from "./otlp-codec";
import { ingestOwnLogs, ingestOwnMetrics } from "./ingest";
import { env } from "../env";
import { logger } from "../log/logger";

type Gateway = Awaited<ReturnType<typeof verifyOpampToken>>;

const CONTENT_TYPES: Record<Encoding, string> = { protobuf: "application/x-protobuf", json: "application/json" };
// google.rpc.Code values for the Status body OTLP/HTTP puts on every 4xx/5xx.
const GRPC_CODES: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 413: 8, 415: 3, 429: 8 };

/** Request size limit, both as sent and after gunzip (FLOWGATE_OTLP_MAX_BYTES, default 8 MiB). */
export function otlpMaxBytes(): number {
  return env("FLOWGATE_OTLP_MAX_BYTES");
}

function encodingOf(contentType: string | null): Encoding | null {
  const media = contentType?.split(";")[0].trim().toLowerCase();
  if (media === CONTENT_TYPES.protobuf) return "protobuf";
  if (media === CONTENT_TYPES.json) return "json";
  return null;
}

function reply(status: number, encoding: Encoding, body: Buffer, headers?: Record<string, string>): Response {
  return new Response(new Uint8Array(body), {
    status,
    headers: { "content-type": CONTENT_TYPES[encoding], ...headers },
  });
}

/**
 * The OTLP/HTTP exchange shared by FlowGate's receivers: the body (protobuf or JSON, gzip or not, under the size
 * limit) decoded and handed to `consume`, then 200 with an empty Export*ServiceResponse in the request's encoding.
 * Routes pass `toOtlpErrorResponse` to route() so failures carry a google.rpc.Status.
 */
export async function receiveOtlp(
  req: Request,
  signal: OtlpSignal,
  consume: (request: Record<string, unknown>) => Promise<unknown>,
): Promise<Response> {
  const encoding = encodingOf(req.headers.get("content-type"));
  if (!encoding) throw new UnsupportedMediaTypeError("Content-Type must be application/x-protobuf or application/json");
  await consume(decodeExportRequest(signal, encoding, await readDecodedBody(req, otlpMaxBytes())));
  return reply(200, encoding, encodeExportResponse(signal, encoding));
}

/** OTLP/HTTP export endpoint for a gateway's own telemetry (the route authenticates it by its OpAMP token). */
export function receiveOtlpExport(
  { db, gateway }: { db: Db; gateway: Gateway },
  req: Request,
  signal: Signal,
): Promise<Response> {
  return receiveOtlp(req, signal, (request) =>
    signal === "metrics" ? ingestOwnMetrics(db, gateway, request) : ingestOwnLogs(db, gateway, request),
  );
}

/** OTLP/HTTP's error mapper: a google.rpc.Status in the request's encoding (JSON when that is unsupported). */
export function toOtlpErrorResponse(err: unknown, req: Request): Response {
  const enc = encodingOf(req.headers.get("content-type")) ?? "json";
  if (err instanceof DomainError)
    return reply(err.status, enc, encodeStatus(enc, GRPC_CODES[err.status] ?? 2, err.message), retryAfterHeader(err));
  logger("otlp").error({ err }, "export failed");
  return reply(500, enc, encodeStatus(enc, 13, "Internal server error"));
}
