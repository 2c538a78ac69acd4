import type { gateways } from "../db/schema";
import type { Queryable } from "../db/client";
import { resolveDesiredConfig } from "../config-distribution/desired";
import { decodeAgentCapabilities } from "../opamp/capabilities";
import { computeHealth } from "./health";

type GatewayRow = typeof gateways.$inferSelect;

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function healthSection(g: GatewayRow, now = new Date()) {
  return computeHealth(g, now);
}

/** Status, OpAMP connection and the health summary, as the list views (Agents, supervisor agents) show them. */
export function connectionSection(g: GatewayRow, now = new Date()) {
  const h = computeHealth(g, now);
  return {
    status: g.status,
    connection_state: g.connectionState,
    transport: g.transport,
    health: {
      status: h.status,
      health_score: h.health_score,
      seconds_since_last_seen: h.seconds_since_last_seen,
      health_reason: h.health_reason,
    },
  };
}

/** What the agent reported over OpAMP wins over what it claimed at registration (`metadata`). */
export function versionSection(g: GatewayRow) {
  const meta = g.extraMetadata ?? {};
  const claimed = Array.isArray(meta.capabilities)
    ? meta.capabilities.filter((c): c is string => typeof c === "string")
    : [];
  return {
    agent_version: g.agentVersion ?? str(meta.version),
    otel_version: str(meta.otel_version),
    capabilities: g.capabilities != null ? decodeAgentCapabilities(g.capabilities) : claimed,
  };
}

export function metricsSection(g: GatewayRow) {
  const m = (g.metrics ?? (g.extraMetadata?.metrics as Record<string, unknown> | undefined) ?? {}) as Record<
    string,
    unknown
  >;
  return {
    logs_processed: num(m.logs_processed),
    errors: num(m.errors),
    latency_ms: num(m.latency_ms),
    throughput_per_sec: num(m.throughput_per_sec),
    last_updated: str(m.last_updated),
  };
}

/**
 * The desired config (active deployment's template version, else the org's base template) and the effective
 * config the agent last reported. `config_yaml` is the desired one, falling back to the effective one; null when
 * there is neither.
 */
export async function configSection(db: Queryable, g: GatewayRow) {
  const desired = await resolveDesiredConfig(db, g);
  return {
    config_yaml: desired?.yaml ?? g.effectiveConfig ?? null,
    config_version: desired?.source.version ?? g.currentConfigVersion ?? null,
    config_hash: desired?.hash ?? null,
    deployment_id: desired?.source.kind === "deployment" ? desired.source.deploymentId : null,
    source: desired?.source.kind ?? (g.effectiveConfig ? ("effective" as const) : null),
    last_updated: g.updatedAt,
    effective_config_yaml: g.effectiveConfig ?? null,
    effective_config_hash: g.effectiveConfigHash ?? null,
  };
}
