import type { Queryable } from "../db/client";
import { SETTINGS, type OrgSettings } from "../settings/definitions";
import { readStoredSettings } from "../settings/queries";
import { env } from "../env";

export const HEARTBEAT_SETTING = "opamp.heartbeat_interval_seconds";
/** The spec's recommended heartbeat, and the polling interval HTTP clients use when told nothing. */
export const DEFAULT_HEARTBEAT_SECONDS = SETTINGS[HEARTBEAT_SETTING].default;
const CACHE_MS = 60_000;

type Cached = { value: Promise<Partial<OrgSettings>>; at: number; settled?: Partial<OrgSettings> };
const cache = new Map<string, Cached>();

/**
 * The org's stored settings for the OpAMP hot path: read at most once a minute, one read shared by every agent
 * that asks meanwhile; `settings` events clear the org's entry. Once read, they are returned as they are, not as a
 * promise: every heartbeat reply asks, and an await per message is measurable at thousands of messages a second.
 */
function storedSettings(db: Queryable, orgId: string): Partial<OrgSettings> | Promise<Partial<OrgSettings>> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.settled ?? hit.value;
  const value = readStoredSettings(db, orgId);
  const entry: Cached = { value, at: Date.now() };
  cache.set(orgId, entry);
  value.then(
    (settings) => void (entry.settled = settings),
    () => cache.get(orgId) === entry && cache.delete(orgId),
  );
  return value;
}

/** The org's heartbeat interval offered to agents (0 disables heartbeats); a number once the settings are cached. */
export function heartbeatIntervalSeconds(db: Queryable, orgId: string): number | Promise<number> {
  const settings = storedSettings(db, orgId);
  return settings instanceof Promise ? settings.then(heartbeatOf) : heartbeatOf(settings);
}

const heartbeatOf = (settings: Partial<OrgSettings>) => settings[HEARTBEAT_SETTING] ?? DEFAULT_HEARTBEAT_SECONDS;

/** The org's OpAMP message size limit; without an org setting, the server-wide default of opampLimits(). */
export async function maxMessageBytes(db: Queryable, orgId: string): Promise<number> {
  return (await storedSettings(db, orgId))["opamp.max_message_bytes"] ?? env("FLOWGATE_OPAMP_MAX_MESSAGE_BYTES");
}

export function forgetOrgSettings(orgId: string): void {
  cache.delete(orgId);
}

/** Server-wide OpAMP limits (environment settings, checked and defaulted in lib/env.ts). */
export function opampLimits() {
  return {
    /**
     * Largest AgentToServer accepted, after decompression, and largest ServerToAgent sent, for orgs without their
     * own `opamp.max_message_bytes` setting. 4 MiB, not the spec's 64 MiB: twenty 64 MiB messages in flight took
     * the server to 1.9 GB and stalled every other agent (docs/benchmark.md, isolation).
     */
    maxMessageBytes: env("FLOWGATE_OPAMP_MAX_MESSAGE_BYTES"),
    /** Largest effective config stored (and served by GET /gateways/{id}/config); a bigger one keeps only its hash. */
    maxEffectiveConfigBytes: env("FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES"),
    /** Largest component health stored as JSON; a bigger one keeps its top-level status without the components. */
    maxComponentHealthBytes: env("FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES"),
    /** Open WebSocket connections (plus upgrades being authenticated) beyond which upgrades get 503 + Retry-After. */
    maxConnections: env("FLOWGATE_OPAMP_MAX_CONNECTIONS"),
    /**
     * Handshakes in progress (upgrades being authenticated, upgraded sockets without a first message) beyond which
     * upgrades get 503 + Retry-After, so a connect storm is refused quickly instead of timing out in a queue.
     */
    maxPendingUpgrades: env("FLOWGATE_OPAMP_MAX_PENDING_UPGRADES"),
    /** Plain-HTTP requests handled at once beyond which requests get 503 + Retry-After. */
    maxHttpInFlight: env("FLOWGATE_OPAMP_MAX_HTTP_INFLIGHT"),
    /** WebSocket keepalive: ping every interval, terminate a socket that did not answer the previous ping. */
    pingIntervalMs: env("FLOWGATE_OPAMP_PING_SECONDS") * 1000,
    /**
     * Shortest polling interval assumed when deciding an agent went silent (3 intervals): clients may keep their
     * own 30 s whatever the server offers.
     */
    minPollSeconds: env("FLOWGATE_OPAMP_MIN_POLL_SECONDS"),
    /** Seconds agents are told to wait when the server is overloaded (the spec's recommended minimum). */
    retryAfterSeconds: 30,
  };
}
