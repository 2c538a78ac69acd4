import { and, eq } from "drizzle-orm";
import { settings } from "../db/schema";
import type { Queryable } from "../db/client";

export const HEARTBEAT_SETTING = "opamp.heartbeat_interval_seconds";
export const MAX_MESSAGE_SETTING = "opamp.max_message_bytes";
/** The spec's recommended heartbeat, and the polling interval HTTP clients use when told nothing. */
export const DEFAULT_HEARTBEAT_SECONDS = 30;
const CACHE_MS = 60_000;

const cache = new Map<string, { value: number; at: number }>();

/** An integer org setting (values are stored as JSON text), cached briefly; `settings` events clear an org's entries. */
async function orgNumber(db: Queryable, orgId: string, key: string, fallback: number, min: number, max: number): Promise<number> {
  const cacheKey = `${orgId}:${key}`;
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const [row] = await db.select({ value: settings.value }).from(settings).where(and(eq(settings.orgId, orgId), eq(settings.key, key)));
  let value = fallback;
  if (row) {
    let v: unknown = row.value;
    try { v = JSON.parse(row.value); } catch { /* plain text */ }
    if (Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max) value = Number(v);
  }
  cache.set(cacheKey, { value, at: Date.now() });
  return value;
}

/** The org's heartbeat interval offered to agents (0 disables heartbeats). */
export function heartbeatIntervalSeconds(db: Queryable, orgId: string): Promise<number> {
  return orgNumber(db, orgId, HEARTBEAT_SETTING, DEFAULT_HEARTBEAT_SECONDS, 0, 86_400);
}

/** The org's OpAMP message size limit; without an org setting, the server-wide default of opampLimits(). */
export function maxMessageBytes(db: Queryable, orgId: string): Promise<number> {
  return orgNumber(db, orgId, MAX_MESSAGE_SETTING, opampLimits().maxMessageBytes, 1024, 2 ** 31 - 1);
}

export function forgetOrgSettings(orgId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${orgId}:`)) cache.delete(key);
}

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** Server-wide OpAMP limits (environment settings; defaults per the spec and the checklist). */
export function opampLimits() {
  return {
    /**
     * Largest AgentToServer accepted, after decompression (spec: RECOMMENDED 64 MiB), and largest ServerToAgent
     * sent, for orgs without their own `opamp.max_message_bytes` setting.
     */
    maxMessageBytes: envInt("FLOWGATE_OPAMP_MAX_MESSAGE_BYTES", 64 * 1024 * 1024),
    /** Open WebSocket connections (plus upgrades being authenticated) beyond which upgrades get 503 + Retry-After. */
    maxConnections: envInt("FLOWGATE_OPAMP_MAX_CONNECTIONS", 100_000),
    /** Plain-HTTP requests handled at once beyond which requests get 503 + Retry-After. */
    maxHttpInFlight: envInt("FLOWGATE_OPAMP_MAX_HTTP_INFLIGHT", 1_000),
    /** WebSocket keepalive: ping every interval, terminate a socket that did not answer the previous ping. */
    pingIntervalMs: envInt("FLOWGATE_OPAMP_PING_SECONDS", 30) * 1000,
    /**
     * Shortest polling interval assumed when deciding an agent went silent (3 intervals): clients may keep their
     * own 30 s whatever the server offers.
     */
    minPollSeconds: envInt("FLOWGATE_OPAMP_MIN_POLL_SECONDS", DEFAULT_HEARTBEAT_SECONDS),
    /** Seconds agents are told to wait when the server is overloaded (the spec's recommended minimum). */
    retryAfterSeconds: 30,
  };
}
