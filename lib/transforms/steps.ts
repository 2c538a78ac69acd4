import { z } from "zod";
import { checkRegex, type RegexUse } from "./regex";
import type { Signal } from "./types";

/**
 * The step model of a transform: data the compiler can reason about, never free text. Every user regex goes
 * through the RE2 guard (regex.ts), so a spec that parses here compiles to a config the v0.136.0 collector accepts.
 */

const enabled = z.boolean().default(true);

/** A regex the collector will run with Go's RE2; the message names why it is refused. */
const regex = (use: RegexUse) =>
  z.string().superRefine((p, ctx) => {
    const problem = checkRegex(p, use);
    if (problem) ctx.addIssue({ code: "custom", message: `invalid regex: ${problem}` });
  });

/** Attribute keys, label names and literal values become OTTL string literals: printable text only. */
const text = z.string().regex(/^[^\p{Cc}]*$/u, "must not contain control characters (tabs, line breaks)");
const key = text.min(1, "must not be empty");
const keys = z.array(key).min(1, "list at least one key");
const scalar = z.union([text, z.number().finite(), z.boolean()], { error: "must be a string, a number or true/false" });

/** A log field: `body`, `attributes.<key>` or `resource.attributes.<key>` (keys may contain dots). */
const logField = z
  .string()
  .regex(
    /^(body|attributes\.[^\p{Cc}]+|resource\.attributes\.[^\p{Cc}]+)$/u,
    "unknown path: use body, attributes.<key> or resource.attributes.<key>",
  );

export const SEVERITIES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
const severity = z.enum(SEVERITIES);
const mergeStrategy = z.enum(["upsert", "insert", "update"]).default("upsert");
const matchMode = z.enum(["any", "all"]).default("any");

/** Conditions shared by the drop steps; `resource: true` reads resource attributes instead of the item's own. */
const attributeEquals = z.object({
  type: z.literal("attribute"),
  key,
  resource: z.boolean().default(false),
  op: z.enum(["equals", "not_equals"]).default("equals"),
  value: scalar,
});
const attributeMatches = z.object({
  type: z.literal("attribute_matches"),
  key,
  resource: z.boolean().default(false),
  pattern: regex("match"),
});

export const logCondition = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("severity_below"),
    severity,
    /** Records without a severity (UNSPECIFIED, 0) are below everything; keep them unless asked. */
    dropUnspecified: z.boolean().default(false),
  }),
  z.object({ type: z.literal("body_matches"), pattern: regex("match") }),
  attributeEquals,
  attributeMatches,
]);

export const spanCondition = z.discriminatedUnion("type", [
  z.object({ type: z.literal("name"), op: z.enum(["equals", "not_equals"]).default("equals"), value: text }),
  z.object({ type: z.literal("name_matches"), pattern: regex("match") }),
  z.object({
    type: z.literal("span_kind"),
    spanKind: z.enum(["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"]),
  }),
  attributeEquals,
  attributeMatches,
]);

export const datapointCondition = z.discriminatedUnion("type", [attributeEquals, attributeMatches]);

export const BUILTIN_PATTERNS = ["email", "ipv4", "ipv6", "credit_card", "bearer_token", "api_key"] as const;

/**
 * What to redact: a built-in or a custom value pattern (the matching part is replaced), and/or key patterns (the
 * whole value of every attribute whose key matches is replaced, by the redaction processor).
 */
const redaction = {
  builtin: z.enum(BUILTIN_PATTERNS).optional(),
  pattern: regex("replace").optional(),
  keyPatterns: z.array(regex("key")).default([]),
  replacement: z.enum(["mask", "hash"]).default("mask"),
  /** Value patterns only: the redaction processor masks whole values with its own fixed "****". */
  mask: text.min(1).default("****"),
};
type RedactionFields = { builtin?: string; pattern?: string; keyPatterns: string[] };
const checkRedaction = (s: RedactionFields, ctx: z.RefinementCtx) => {
  if (s.builtin !== undefined && s.pattern !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: "choose either a built-in pattern or a custom pattern, not both",
      path: ["pattern"],
    });
  } else if (s.builtin === undefined && s.pattern === undefined && s.keyPatterns.length === 0) {
    ctx.addIssue({
      code: "custom",
      message: "choose a built-in pattern, a custom pattern or key patterns",
      path: ["pattern"],
    });
  }
};

const aggregation = z.enum(["sum", "max", "min", "mean", "median", "count"]);
const percentage = z.number().gt(0, "must be greater than 0").max(100, "must be at most 100");
const byteLimit = z.number().int("must be a whole number of bytes").min(1, "must be at least 1 byte");

// ---- logs ----
const parseJson = z.object({ kind: z.literal("parse_json"), enabled, strategy: mergeStrategy });
const parseRegex = z.object({
  kind: z.literal("parse_regex"),
  enabled,
  source: logField.default("body"),
  pattern: regex("extract"),
  strategy: mergeStrategy,
});
const parseKeyValue = z
  .object({
    kind: z.literal("parse_key_value"),
    enabled,
    source: logField.default("body"),
    delimiter: text.min(1).default("="),
    pairDelimiter: text.min(1).default(" "),
    strategy: mergeStrategy,
  })
  .refine((s) => s.delimiter !== s.pairDelimiter, {
    message: "the pair delimiter must differ from the key/value delimiter",
    path: ["pairDelimiter"],
  });
const setAttribute = z.object({
  kind: z.literal("set_attribute"),
  enabled,
  key,
  value: scalar,
  resource: z.boolean().default(false),
});
const renameAttribute = z
  .object({ kind: z.literal("rename_attribute"), enabled, from: key, to: key, resource: z.boolean().default(false) })
  .refine((s) => s.from !== s.to, { message: "the new name must differ from the old one", path: ["to"] });
const keySelection = {
  match: z.enum(["exact", "regex"]).default("exact"),
  keys: z.array(key).default([]),
  pattern: regex("key").optional(),
  resource: z.boolean().default(false),
};
type Selection = { match: string; keys: string[]; pattern?: string };
const checkSelection = (s: Selection, ctx: z.RefinementCtx) => {
  if (s.match === "exact" && s.keys.length === 0)
    ctx.addIssue({ code: "custom", message: "list at least one key", path: ["keys"] });
  if (s.match === "regex" && s.pattern === undefined)
    ctx.addIssue({ code: "custom", message: "a key pattern is required", path: ["pattern"] });
};
const deleteAttributes = z
  .object({ kind: z.literal("delete_attributes"), enabled, ...keySelection })
  .superRefine(checkSelection);
const keepAttributes = z
  .object({ kind: z.literal("keep_attributes"), enabled, ...keySelection })
  .superRefine(checkSelection);
const severityFromField = z.object({
  kind: z.literal("severity_from_field"),
  enabled,
  field: logField,
  /** Each severity with the field values that mean it; values compare whole and case-insensitively. */
  mapping: z
    .array(z.object({ severity, values: z.array(text.min(1)).min(1, "list at least one value") }))
    .min(1, "map at least one severity"),
});
const redact = z
  .object({
    kind: z.literal("redact"),
    enabled,
    ...redaction,
    /** Where value patterns apply; key patterns always apply to record attributes. */
    targets: z
      .array(z.enum(["body", "attributes"]))
      .min(1, "choose body, attributes or both")
      .default(["body", "attributes"]),
  })
  .superRefine(checkRedaction);
const dropRecords = z.object({
  kind: z.literal("drop_records"),
  enabled,
  match: matchMode,
  conditions: z.array(logCondition).min(1, "add at least one condition"),
});
const samplePercentage = z.object({
  kind: z.literal("sample_percentage"),
  enabled,
  percentage,
  /**
   * Logs only: the record attribute hashed when there is no TraceID (`traceID`), or always (`record`). Records
   * with neither are errors for the sampler.
   */
  fromAttribute: key.optional(),
  attributeSource: z.enum(["traceID", "record"]).default("traceID"),
  hashSeed: z.number().int().min(0).max(4294967295).optional(),
  /** The collector's default: an item without randomness (no TraceID, no attribute) is dropped. */
  failClosed: z.boolean().default(true),
});
const truncate = z.object({
  kind: z.literal("truncate"),
  enabled,
  targets: z
    .array(z.enum(["body", "attributes"]))
    .min(1, "choose body, attributes or both")
    .default(["body", "attributes"]),
  maxBytes: byteLimit,
});

// ---- metrics ----
const metricName = text.min(1, "must not be empty");
const dropMetrics = z
  .object({
    kind: z.literal("drop_metrics"),
    enabled,
    match: z.enum(["exact", "glob", "regex"]).default("exact"),
    names: z.array(z.string().min(1, "must not be empty")).min(1, "list at least one name"),
  })
  .superRefine((s, ctx) => {
    s.names.forEach((n, i) => {
      if (s.match === "regex") {
        const problem = checkRegex(n, "match");
        if (problem) ctx.addIssue({ code: "custom", message: `invalid regex: ${problem}`, path: ["names", i] });
      } else if (/\p{Cc}/u.test(n)) {
        ctx.addIssue({
          code: "custom",
          message: "must not contain control characters (tabs, line breaks)",
          path: ["names", i],
        });
      }
    });
  });
const dropDatapoints = z.object({
  kind: z.literal("drop_datapoints"),
  enabled,
  metric: metricName.optional(),
  match: matchMode,
  conditions: z.array(datapointCondition).min(1, "add at least one condition"),
});
const labelsStep = <K extends string>(kind: K) =>
  z.object({ kind: z.literal(kind), enabled, labels: keys, metric: metricName.optional() });
const deleteLabels = labelsStep("delete_labels");
const keepLabels = labelsStep("keep_labels");
const aggregateLabels = z.object({
  kind: z.literal("aggregate_labels"),
  enabled,
  /** The labels that remain; every other label is aggregated away. Empty leaves one series per metric. */
  labels: z.array(key),
  aggregation,
  metric: metricName.optional(),
});
const renameMetric = z
  .object({ kind: z.literal("rename_metric"), enabled, from: metricName, to: metricName })
  .refine((s) => s.from !== s.to, { message: "the new name must differ from the old one", path: ["to"] });

// ---- traces ----
const dropSpans = z.object({
  kind: z.literal("drop_spans"),
  enabled,
  match: matchMode,
  conditions: z.array(spanCondition).min(1, "add at least one condition"),
});
const redactAttributes = z
  .object({ kind: z.literal("redact_attributes"), enabled, ...redaction })
  .superRefine(checkRedaction);

export const step = z.discriminatedUnion(
  "kind",
  [
    parseJson,
    parseRegex,
    parseKeyValue,
    setAttribute,
    renameAttribute,
    deleteAttributes,
    keepAttributes,
    severityFromField,
    redact,
    dropRecords,
    samplePercentage,
    truncate,
    dropMetrics,
    dropDatapoints,
    deleteLabels,
    keepLabels,
    aggregateLabels,
    renameMetric,
    dropSpans,
    redactAttributes,
  ],
  { error: (iss): string | undefined => (iss.code === "invalid_union" ? "unknown step kind" : undefined) },
);
export type Step = z.infer<typeof step>;
export type StepInput = z.input<typeof step>;
export type StepKind = Step["kind"];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
export type LogCondition = z.infer<typeof logCondition>;
export type SpanCondition = z.infer<typeof spanCondition>;
export type DatapointCondition = z.infer<typeof datapointCondition>;

const KINDS: Record<Signal, StepKind[]> = {
  logs: [
    "parse_json",
    "parse_regex",
    "parse_key_value",
    "set_attribute",
    "rename_attribute",
    "delete_attributes",
    "keep_attributes",
    "severity_from_field",
    "redact",
    "drop_records",
    "sample_percentage",
    "truncate",
  ],
  metrics: ["drop_metrics", "drop_datapoints", "delete_labels", "keep_labels", "aggregate_labels", "rename_metric"],
  traces: ["drop_spans", "sample_percentage", "redact_attributes"],
};

export function stepKindsFor(signal: Signal): StepKind[] {
  return KINDS[signal];
}

export const signal = z.enum(["logs", "metrics", "traces"]);

export const transformSpec = z
  .object({ signal, steps: z.array(step).max(100, "a transform has at most 100 steps") })
  .superRefine((spec, ctx) => {
    spec.steps.forEach((s, i) => {
      if (!KINDS[spec.signal].includes(s.kind)) {
        const owners = (Object.keys(KINDS) as Signal[]).filter((sig) => KINDS[sig].includes(s.kind));
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "kind"],
          message: `step kind "${s.kind}" is not available for ${spec.signal} (it is a ${owners.join("/")} step)`,
        });
      }
      if (
        s.kind === "sample_percentage" &&
        spec.signal === "traces" &&
        (s.fromAttribute !== undefined || s.attributeSource === "record")
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "fromAttribute"],
          message: "spans are always sampled by TraceID; fromAttribute is for logs only",
        });
      }
      if (s.kind === "sample_percentage" && s.attributeSource === "record" && s.fromAttribute === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "fromAttribute"],
          message: "attributeSource record needs fromAttribute, the attribute to hash",
        });
      }
    });
  });
export type TransformSpec = z.infer<typeof transformSpec>;
export type TransformSpecInput = z.input<typeof transformSpec>;

/** `steps.2.pattern: invalid regex: …` — one line per problem, path first. */
export function formatSpecIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "spec"}: ${i.message}`);
}
