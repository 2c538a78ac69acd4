import type { Value } from "./values";

/** One readable/writable telemetry field (`log.body`, `datapoint.attributes`, …). Writes of the wrong type are no-ops, as in pdata setters. */
export type Field = { get(): Value; set(v: Value): void };

/** What an OTTL statement runs against: the processors build one per log record, span, metric, data point, … */
export interface TransformContext {
  /** Resolves a path's names, with or without a context prefix; throws OttlSyntaxError for a path the context lacks. */
  field(names: string[]): Field;
  /** Metric context only: merges the metric's data points (aggregate_on_attributes). */
  aggregate?(fn: string, keys: string[] | undefined): void;
  /** Set when a statement made a choice the collector makes at random (`limit`). */
  nondeterministic: boolean;
}

/** A statement that failed at run time; under `error_mode: ignore` it is skipped for that record only. */
export class OttlRuntimeError extends Error {}
