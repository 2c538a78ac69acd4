import { BUILTIN_REGEX } from "./builtin-patterns";
import { attributePath, expandLiteral, ottlRegex, ottlString, ottlValue } from "./literals";
import type { StepOf } from "./steps";

/**
 * What one step compiles to, before consecutive pieces are merged into processors: statement groups for a
 * transform, conditions for a filter section, or a whole processor config (sampler, redaction).
 */
export type Piece =
  | { type: "transform"; context: TransformContext; statements: string[] }
  | { type: "filter"; section: FilterSection; condition: string }
  | { type: "probabilistic_sampler" | "redaction"; config: Record<string, unknown> };

export type TransformContext = "log" | "resource" | "metric" | "datapoint" | "span";
export type FilterSection = "log_record" | "metric" | "datapoint" | "span";

type AttributeCondition =
  | { type: "attribute"; key: string; resource: boolean; op: "equals" | "not_equals"; value: string | number | boolean }
  | { type: "attribute_matches"; key: string; resource: boolean; pattern: string };

/** A filter condition on an item attribute (unprefixed: filter's legacy sections). */
export function attributeCondition(c: AttributeCondition): string {
  const path = attributePath(c.key, c.resource, "");
  if (c.type === "attribute_matches") return `IsMatch(${path}, ${ottlRegex(c.pattern)})`;
  return `${path} ${c.op === "equals" ? "==" : "!="} ${ottlValue(c.value)}`;
}

/** `any`: one filter condition each (the filter ORs them); `all`: one condition joined by `and`. */
export function filterPieces(section: FilterSection, match: "any" | "all", parts: string[]): Piece[] {
  const conditions = match === "all" ? [parts.join(" and ")] : parts;
  return conditions.map((condition) => ({ type: "filter", section, condition }));
}

type Redaction = StepOf<"redact"> | StepOf<"redact_attributes">;

/**
 * A redaction step's pieces: its value pattern (built-in or custom), if it has one, as transform statements in
 * `context` (`statements` gets the pattern's regex and replacement arguments), then its key-pattern masking.
 */
export function redactionPieces(
  s: Redaction,
  context: TransformContext,
  statements: (patternArgs: string) => string[],
): Piece[] {
  const re = s.builtin ? BUILTIN_REGEX[s.builtin] : s.pattern;
  const group: Piece[] =
    re === undefined
      ? []
      : [{ type: "transform", context, statements: statements(`${ottlRegex(re)}, ${replacementArgs(s)}`) }];
  return [...group, ...redactionProcessor(s)];
}

/**
 * The replacement arguments of replace_pattern / replace_all_patterns: a literal mask, or the whole match
 * (`${0}`, expanded first) hashed with SHA256 and prefixed so a reader sees it was hashed.
 */
function replacementArgs(s: Redaction): string {
  return s.replacement === "hash" ? `"\${0}", SHA256, "sha256:%s"` : ottlString(expandLiteral(s.mask));
}

/** Whole-value masking by key pattern: the redaction processor, allowing every key so nothing else is removed. */
function redactionProcessor(s: Redaction): Piece[] {
  if (s.keyPatterns.length === 0) return [];
  const config: Record<string, unknown> = {
    allow_all_keys: true,
    blocked_key_patterns: s.keyPatterns,
    summary: "silent",
  };
  if (s.replacement === "hash") config.hash_function = "sha3";
  return [{ type: "redaction", config }];
}

/** probabilistic_sampler settings; `fail_closed` is written out because its default drops items without randomness. */
export function samplerPiece(s: StepOf<"sample_percentage">, logs: boolean): Piece {
  const config: Record<string, unknown> = { sampling_percentage: s.percentage };
  if (s.hashSeed !== undefined) config.hash_seed = s.hashSeed;
  if (logs && s.fromAttribute !== undefined) {
    config.attribute_source = s.attributeSource;
    config.from_attribute = s.fromAttribute;
  }
  config.fail_closed = s.failClosed;
  return { type: "probabilistic_sampler", config };
}
