import type { ComponentHealth } from "../opamp/types";

export type HealthSummary = { healthy: boolean; reason: string | null };

/**
 * What an AgentHealth report says about the whole agent: unhealthy when the agent or any component, at any depth,
 * says healthy=false (unset counts as false). The reason names the deepest unhealthy component (e.g. "pipeline:traces › exporter:otlp")
 * with its last_error (else its status), since that is where an operator has to look.
 */
export function summarizeHealth(h: ComponentHealth): HealthSummary {
  const found = deepestUnhealthy(h, []);
  if (!found) return { healthy: true, reason: null };
  const detail = found.node.lastError || found.node.status || "unhealthy";
  return { healthy: false, reason: found.path.length ? `${found.path.join(" › ")}: ${detail}` : detail };
}

function deepestUnhealthy(h: ComponentHealth, path: string[]): { node: ComponentHealth; path: string[] } | null {
  for (const name of Object.keys(h.componentHealthMap ?? {}).sort()) {
    const hit = deepestUnhealthy(h.componentHealthMap![name], [...path, name]);
    if (hit) return hit;
  }
  // proto3: an unset `healthy` is false.
  return h.healthy !== true ? { node: h, path } : null;
}
