import { attributeCondition, filterPieces, redactionPieces, samplerPiece, type Piece } from "./compile-shared";
import { ottlRegex, ottlString } from "./literals";
import type { SpanCondition, Step } from "./steps";

/** Trace steps → pieces: span filter conditions (unprefixed), span-context transform statements, the sampler. */
export function compileTraceStep(s: Step): Piece[] {
  switch (s.kind) {
    case "drop_spans":
      return filterPieces("span", s.match, s.conditions.map(spanCondition));
    case "sample_percentage":
      return [samplerPiece(s, false)];
    case "redact_attributes":
      return redactionPieces(s, "span", (args) => [`replace_all_patterns(span.attributes, "value", ${args})`]);
    default:
      throw new Error(`${s.kind} is not a traces step`);
  }
}

function spanCondition(c: SpanCondition): string {
  switch (c.type) {
    case "name":
      return `name ${c.op === "equals" ? "==" : "!="} ${ottlString(c.value)}`;
    case "name_matches":
      return `IsMatch(name, ${ottlRegex(c.pattern)})`;
    case "span_kind":
      return `kind == SPAN_KIND_${c.spanKind}`;
    default:
      return attributeCondition(c);
  }
}
