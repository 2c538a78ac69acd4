/**
 * The contract between the transform compiler (steps → collector processors) and the preview evaluator
 * (compiled processors → records before/after). The preview runs what was compiled, not the step model, so a
 * compiler bug shows in the preview exactly as it would on the collector.
 */
export type Signal = "logs" | "metrics" | "traces";

/** One compiled processor: its component id (`filter/fg_<slug>_<n>`), type and the config the YAML carries. */
export type CompiledProcessor = {
  id: string;
  type: "transform" | "filter" | "probabilistic_sampler" | "redaction" | "attributes";
  /** Exactly what `processors.<id>` parses to from the compiled YAML (OTTL statements unescaped by the YAML parser). */
  config: Record<string, unknown>;
  /** Index of the studio step each processor (or transform group) came from, for per-step preview figures. */
  stepIndexes: number[];
};

export type CompiledTransform = {
  signal: Signal;
  /** In pipeline order. */
  processors: CompiledProcessor[];
  /** `processors:` section as YAML, with the escaping the collector's config resolver needs (`$` → `$$`). */
  yaml: string;
};
