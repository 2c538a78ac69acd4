export type HealthStatus = "healthy" | "warning" | "unhealthy" | "offline" | "unknown";

export type Health = {
  status: HealthStatus;
  last_seen: Date | null;
  seconds_since_last_seen: number | null;
  uptime_seconds: number | null;
  health_score: number;
  /** Why the gateway is unhealthy when its agent says so (the failing component and its last error). */
  health_reason: string | null;
};

export type HealthInput = {
  status: string;
  lastSeen: Date | null;
  activeSince: Date | null;
  healthReason?: string | null;
};

/** Thresholds in whole seconds since the last sign of life: heard within a minute is healthy, within five a warning. */
export const HEALTHY_MAX_SECONDS = 60;
export const WARNING_MAX_SECONDS = 300;

export const HEALTH_SCORES: Record<HealthStatus, number> = {
  healthy: 100,
  warning: 50,
  unhealthy: 20,
  offline: 0,
  unknown: 0,
};

/**
 * Health (docs/api/gateways.md), evaluated in this order:
 * 1. status inactive → offline (0): the agent said goodbye or went silent;
 * 2. never seen (no heartbeat or OpAMP message since registering) → unknown (0);
 * 3. status error (the agent reported itself or a component unhealthy) → unhealthy (20), with `health_reason`;
 * 4. seen ≤ 60 s ago and status active → healthy (100);
 * 5. seen ≤ 300 s ago → warning (50) (also a registered gateway that has talked to us but is not active yet);
 * 6. otherwise → unhealthy (20).
 * Seconds are whole seconds, rounded down; a last_seen in the future (clock skew) counts as 0 s.
 * Uptime is counted from `activeSince` while the gateway is active and not offline.
 * `healthSqlCondition` in queries.ts must stay in step with these rules.
 */
export function computeHealth(g: HealthInput, now: Date = new Date()): Health {
  const seconds = g.lastSeen ? secondsBetween(g.lastSeen, now) : null;
  const running = g.status === "active" || g.status === "error";
  const uptime = running && g.activeSince ? secondsBetween(g.activeSince, now) : null;
  const result = (status: HealthStatus, up: number | null = null, reason: string | null = null): Health => ({
    status,
    last_seen: g.lastSeen,
    seconds_since_last_seen: seconds,
    uptime_seconds: up,
    health_score: HEALTH_SCORES[status],
    health_reason: reason,
  });
  if (g.status === "inactive") return result("offline");
  if (seconds === null) return result("unknown");
  if (g.status === "error") return result("unhealthy", uptime, g.healthReason || "The agent reports itself unhealthy");
  if (seconds <= HEALTHY_MAX_SECONDS && g.status === "active") return result("healthy", uptime);
  if (seconds <= WARNING_MAX_SECONDS) return result("warning", uptime);
  return result("unhealthy", uptime);
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

/**
 * The newest last_seen that still counts as "more than `maxSeconds` ago" is `now - (maxSeconds + 1) s`, because
 * seconds are rounded down: seen within maxSeconds ⇔ last_seen > now - (maxSeconds + 1) s.
 */
export function seenWithinCutoff(now: Date, maxSeconds: number): Date {
  return new Date(now.getTime() - (maxSeconds + 1) * 1000);
}
