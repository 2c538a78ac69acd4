import type { CompiledProcessor } from "../types";
import type { Batch } from "./model";

/** What a processor run reports besides its edits to the batch. */
export type Recorder = {
  /** A statement or condition failed for these records and was skipped (`error_mode: ignore`). */
  error(ids: number[], message: string): void;
  /** A statement made a choice the collector makes at random, or the record's fate is statistical (sampling). */
  nondeterministic(ids: number[]): void;
  /** A transform processor finished its group `index` (for per-step figures). */
  groupDone?(index: number): void;
};

/** The collector would refuse to start with this processor config (bad OTTL, invalid regex, unsupported key). */
export class ProcessorConfigError extends Error {}

/**
 * Under `error_mode: propagate` one failing statement returns an error up the pipeline and the collector drops the
 * whole payload; the preview reports that instead of a per-record error.
 */
export class BatchDroppedError extends Error {}

export type ErrorMode = "ignore" | "silent" | "propagate";

export function errorMode(v: unknown, fallback: ErrorMode = "propagate"): ErrorMode {
  if (v === undefined) return fallback;
  if (v === "ignore" || v === "silent" || v === "propagate") return v;
  throw new ProcessorConfigError(`invalid error_mode ${JSON.stringify(v)}`);
}

export type ProcessorImpl = (batch: Batch, processor: CompiledProcessor, rec: Recorder) => void;

export function stringList(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw new ProcessorConfigError(`${what} must be a list of strings`);
  return v;
}
