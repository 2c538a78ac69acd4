import type { DeploymentStrategy } from "../db/schema";

/** How many gateways go in each batch: all at once, a fixed count, or a percentage of the target (rounded up). */
export function batchSize(strategy: DeploymentStrategy, total: number): number {
  if (strategy.type !== "progressive") return Math.max(total, 1);
  if (strategy.batch_size) return strategy.batch_size;
  return Math.max(1, Math.ceil((total * (strategy.batch_percent ?? 100)) / 100));
}

/** The batch number of the i-th gateway (0-based) of `total`. */
export function batchOf(strategy: DeploymentStrategy, total: number, i: number): number {
  return Math.floor(i / batchSize(strategy, total));
}

/**
 * Failures that halt the rollout: `failure_threshold` (a count), or `failure_threshold_percent` of the gateways
 * still counted; default 1, so any failure halts a progressive rollout (and an all-at-once one ends `failed`).
 */
export function failureLimit(strategy: DeploymentStrategy, live: number): number {
  if (strategy.failure_threshold_percent)
    return Math.max(1, Math.ceil((live * strategy.failure_threshold_percent) / 100));
  return strategy.failure_threshold ?? 1;
}

/** Normalises a validated strategy for storage: only the fields that apply to its type. */
export function storedStrategy(s: DeploymentStrategy): DeploymentStrategy {
  const out: DeploymentStrategy = { type: s.type };
  if (s.type === "progressive") {
    if (s.batch_size) out.batch_size = s.batch_size;
    else out.batch_percent = s.batch_percent;
    out.pause_seconds = s.pause_seconds ?? 0;
  }
  if (s.failure_threshold_percent) out.failure_threshold_percent = s.failure_threshold_percent;
  else out.failure_threshold = s.failure_threshold ?? 1;
  if (s.gates) out.gates = s.gates;
  return out;
}
