import { attributeCondition, filterPieces, redactionPieces, samplerPiece, type Piece } from "./compile-shared";
import { attributePath, fieldPath, ottlRegex, ottlString, ottlStringList, ottlValue } from "./literals";
import { quoteRegex } from "./regex";
import type { LogCondition, Step, StepOf } from "./steps";

/** Log steps → pieces. Transform statements use the `log` context with prefixed paths (§1 rule 2). */
export function compileLogStep(s: Step): Piece[] {
  switch (s.kind) {
    case "parse_json":
      return log(
        `merge_maps(log.attributes, ParseJSON(log.body), ${ottlString(s.strategy)}) where IsString(log.body) and IsMatch(log.body, ${ottlString("^\\s*\\{")})`,
      );
    case "parse_regex": {
      const src = fieldPath(s.source, "log.");
      return log(
        `merge_maps(log.attributes, ExtractPatterns(${src}, ${ottlRegex(s.pattern)}), ${ottlString(s.strategy)}) where IsString(${src})`,
      );
    }
    case "parse_key_value": {
      const src = fieldPath(s.source, "log.");
      return log(
        `merge_maps(log.attributes, ParseKeyValue(${src}, ${ottlString(s.delimiter)}, ${ottlString(s.pairDelimiter)}), ${ottlString(s.strategy)}) where IsString(${src}) and ${src} != ""`,
      );
    }
    case "set_attribute":
      return log(`set(${attributePath(s.key, s.resource, "log.")}, ${ottlValue(s.value)})`);
    case "rename_attribute": {
      const map = s.resource ? "resource.attributes" : "log.attributes";
      return log(
        `set(${attributePath(s.to, s.resource, "log.")}, ${attributePath(s.from, s.resource, "log.")})`,
        `delete_key(${map}, ${ottlString(s.from)})`,
      );
    }
    case "delete_attributes": {
      const map = s.resource ? "resource.attributes" : "log.attributes";
      if (s.match === "regex") return log(`delete_matching_keys(${map}, ${ottlRegex(s.pattern!)})`);
      return log(...s.keys.map((k) => `delete_key(${map}, ${ottlString(k)})`));
    }
    case "keep_attributes": {
      const map = s.resource ? "resource.attributes" : "log.attributes";
      return log(
        s.match === "regex"
          ? `keep_matching_keys(${map}, ${ottlRegex(s.pattern!)})`
          : `keep_keys(${map}, ${ottlStringList(s.keys)})`,
      );
    }
    case "severity_from_field":
      return log(...s.mapping.flatMap((m) => severityStatements(fieldPath(s.field, "log."), m)));
    case "redact":
      return redactionPieces(s, "log", (args) =>
        s.targets.map((t) =>
          t === "body"
            ? `replace_pattern(log.body, ${args})`
            : `replace_all_patterns(log.attributes, "value", ${args})`,
        ),
      );
    case "drop_records":
      return filterPieces("log_record", s.match, s.conditions.map(logCondition));
    case "sample_percentage":
      return [samplerPiece(s, true)];
    case "truncate":
      return log(
        ...s.targets.map((t) =>
          t === "body"
            ? `set(log.body, Substring(log.body, 0, ${s.maxBytes})) where IsString(log.body) and Len(log.body) > ${s.maxBytes}`
            : `truncate_all(log.attributes, ${s.maxBytes})`,
        ),
      );
    default:
      throw new Error(`${s.kind} is not a logs step`);
  }
}

function log(...statements: string[]): Piece[] {
  return [{ type: "transform", context: "log", statements }];
}

/** Two statements per severity under the same condition: number and text, matched whole and case-insensitively. */
function severityStatements(field: string, m: StepOf<"severity_from_field">["mapping"][number]): string[] {
  const where = `where IsMatch(${field}, ${ottlString(`(?i)^(?:${m.values.map(quoteRegex).join("|")})$`)})`;
  return [
    `set(log.severity_number, SEVERITY_NUMBER_${m.severity}) ${where}`,
    `set(log.severity_text, ${ottlString(m.severity)}) ${where}`,
  ];
}

/** Filter conditions in the log_record section: unprefixed paths. */
function logCondition(c: LogCondition): string {
  switch (c.type) {
    case "severity_below": {
      const below = `severity_number < SEVERITY_NUMBER_${c.severity}`;
      return c.dropUnspecified ? below : `severity_number != SEVERITY_NUMBER_UNSPECIFIED and ${below}`;
    }
    case "body_matches":
      return `IsMatch(body, ${ottlRegex(c.pattern)})`;
    default:
      return attributeCondition(c);
  }
}
