export type HealthStatus = "healthy" | "warning" | "unhealthy" | "offline" | "unknown";

export type Health = {
  status: HealthStatus;
  last_seen: Date | null;
  seconds_since_last_seen: number | null;
  uptime_seconds: number | null;
  health_score: number;
};

export type HealthInput = { status: string; lastSeen: Date | null; activeSince: Date | null };

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
 * 1. status inactive or error → offline (0): the agent said it stopped or failed;
 * 2. never seen (no heartbeat or OpAMP message since registering) → unknown (0);
 * 3. seen ≤ 60 s ago and status active → healthy (100);
 * 4. seen ≤ 300 s ago → warning (50) (also a registered gateway that has talked to us but is not active yet);
 * 5. otherwise → unhealthy (20).
 * Seconds are whole seconds, rounded down; a last_seen in the future (clock skew) counts as 0 s.
 * Uptime is counted from `activeSince` while the gateway is active and not offline.
 * `healthSqlCondition` in queries.ts must stay in step with these rules.
 */
export function computeHealth(g: HealthInput, now: Date = new Date()): Health {
  const seconds = g.lastSeen ? secondsBetween(g.lastSeen, now) : null;
  const uptime = g.status === "active" && g.activeSince ? secondsBetween(g.activeSince, now) : null;
  const result = (status: HealthStatus, up: number | null = null): Health => ({
    status,
    last_seen: g.lastSeen,
    seconds_since_last_seen: seconds,
    uptime_seconds: up,
    health_score: HEALTH_SCORES[status],
  });
  if (g.status === "inactive" || g.status === "error") return result("offline");
  if (seconds === null) return result("unknown");
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
