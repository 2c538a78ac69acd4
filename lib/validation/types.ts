export const COMPONENT_KINDS = ["receivers", "processors", "exporters", "extensions", "connectors"] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Component types (the part before "/" in an id) allowed per kind. */
export type AllowList = Record<ComponentKind, string[]>;

export type ValidationIssue = { message: string; line?: number; column?: number; path?: string };

/** A template's pipeline lists a FlowGate transform as `flowgate_transform/<name>[@<version>]` under processors. */
export const TRANSFORM_REF_PREFIX = "flowgate_transform/";

/** Checks one transform reference of a pipeline: null when it resolves, else the message to report at its line. */
export type TransformRefCheck = (ref: string, pipeline: string) => string | null;

export type ValidationResult = { valid: boolean; errors: ValidationIssue[]; warnings: ValidationIssue[] };

/**
 * What our gateway build contains (gateway/builder-config.yaml): the default allow-list of every org. It has the
 * health_check extension but not pprof or zpages; an admin can extend the list for a custom build in Settings.
 */
export const DEFAULT_ALLOW_LIST: AllowList = {
  receivers: ["otlp", "prometheus"],
  processors: ["batch", "memory_limiter", "filter", "transform", "attributes", "probabilistic_sampler", "redaction"],
  exporters: ["otlp", "otlphttp", "debug"],
  extensions: ["opamp", "health_check"],
  connectors: [],
};

/** Singular nouns for messages ("Unsupported receiver …"). */
export const KIND_NOUN: Record<ComponentKind, string> = {
  receivers: "receiver",
  processors: "processor",
  exporters: "exporter",
  extensions: "extension",
  connectors: "connector",
};
