import { createHash } from "node:crypto";
import { AgentCap, hasCap } from "./capabilities";
import type { ConnectionSettingsOffers, Headers, TlsCertificate } from "./types";
import { sameFields } from "../same-fields";

export const OTLP_METRICS_PATH = "/api/v1/otlp/v1/metrics";
export const OTLP_LOGS_PATH = "/api/v1/otlp/v1/logs";

type PartName = "opamp" | "ownMetrics" | "ownLogs";
type Part = { hash: string; value: NonNullable<ConnectionSettingsOffers[PartName]> };
export type OfferSet = { parts: Partial<Record<PartName, Part>>; hash: Buffer; hashHex: string };

export type OfferInput = {
  capabilities: bigint;
  heartbeatSeconds: number;
  /** The OpAMP token this agent authenticated with on this connection or request. Memory only. */
  token: string;
  /** The OpAMP URL the agent connected to (ws(s):// or http(s)://). */
  opampEndpoint: string;
  /** Base URL of this server's OTLP/HTTP receivers (publicUrl()). */
  telemetryBase: string;
  /** A client certificate issued to this agent on this connection (CSR or renewal), offered with `opamp`. */
  certificate?: TlsCertificate & { serial: string };
};

const bearer = (token: string): Headers => ({ headers: [{ key: "Authorization", value: `Bearer ${token}` }] });

function part(value: Part["value"]): Part {
  const json = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return { hash: createHash("sha256").update(json).digest("hex"), value };
}

/**
 * The connection settings FlowGate offers an agent, each only with the capability it needs:
 * - `opamp` to agents that report heartbeats, carrying the heartbeat interval [§heartbeat_interval_seconds], and to
 *   agents given a client certificate on this connection (mTLS, [§OpAMPConnectionSettings.certificate]). It
 *   always names the endpoint the agent is connected to and the token it authenticated with, because clients
 *   that accept OpAMP connection settings (the supervisor) reconnect using only what the offer says.
 * - `own_metrics` / `own_logs` to agents that report their own metrics / logs: this server's OTLP/HTTP receivers,
 *   authenticated with the same token.
 * `hash` covers every part, so it changes whenever any offered setting changes [§ConnectionSettingsOffers.hash].
 */
export function buildOffers(input: OfferInput): OfferSet {
  const parts: OfferSet["parts"] = {};
  const auth = bearer(input.token);
  const heartbeat = hasCap(input.capabilities, AgentCap.ReportsHeartbeat);
  if (heartbeat || input.certificate) {
    const { serial: _serial, ...certificate } = input.certificate ?? {};
    parts.opamp = part({
      destinationEndpoint: input.opampEndpoint,
      headers: auth,
      ...(input.certificate ? { certificate: certificate as TlsCertificate } : {}),
      ...(heartbeat ? { heartbeatIntervalSeconds: BigInt(input.heartbeatSeconds) } : {}),
    });
  }
  if (hasCap(input.capabilities, AgentCap.ReportsOwnMetrics)) {
    parts.ownMetrics = part({ destinationEndpoint: input.telemetryBase + OTLP_METRICS_PATH, headers: auth });
  }
  if (hasCap(input.capabilities, AgentCap.ReportsOwnLogs)) {
    parts.ownLogs = part({ destinationEndpoint: input.telemetryBase + OTLP_LOGS_PATH, headers: auth });
  }
  const all = createHash("sha256");
  for (const name of ["opamp", "ownMetrics", "ownLogs"] as const) all.update(`${name}=${parts[name]?.hash ?? ""};`);
  const hash = all.digest();
  return { parts, hash, hashHex: hash.toString("hex") };
}

const OFFER_FIELDS = ["capabilities", "heartbeatSeconds", "token", "opampEndpoint", "telemetryBase"] as const;

/** Whether offers built from `a` are those of `b` (a certificate is the same when its serial is). */
export function sameOfferInput(a: OfferInput, b: OfferInput): boolean {
  return sameFields(a, b, OFFER_FIELDS) && a.certificate?.serial === b.certificate?.serial;
}

/**
 * What to send given the part hashes already offered to this agent: only the parts that changed (own-telemetry
 * destinations SHOULD NOT be resent unchanged, and a repeated `opamp` offer makes some clients reconnect).
 * Nothing when the agent reports it already has exactly these settings. Updates `offered` in place.
 */
export function offersToSend(
  set: OfferSet,
  offered: Partial<Record<PartName, string>>,
  reportedHashHex: string | null,
): ConnectionSettingsOffers | undefined {
  const names = Object.keys(set.parts) as PartName[];
  if (reportedHashHex === set.hashHex) {
    for (const n of names) offered[n] = set.parts[n]!.hash;
    return undefined;
  }
  const changed = names.filter((n) => offered[n] !== set.parts[n]!.hash);
  if (changed.length === 0) return undefined;
  const out: ConnectionSettingsOffers = { hash: set.hash };
  for (const n of changed) {
    offered[n] = set.parts[n]!.hash;
    (out as Record<string, unknown>)[n] = set.parts[n]!.value;
  }
  return out;
}
