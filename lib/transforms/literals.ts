import { toRe2Source } from "./regex";

/**
 * OTTL literals and paths. This is the second layer of the escaping chain (regex → OTTL string literal → YAML
 * single-quoted scalar → `$$` for the config resolver); the YAML layers live in compile.ts.
 */

/** An OTTL string literal: every backslash doubled and every double quote escaped. */
export function ottlString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A regex as an OTTL string literal, in the `(?P<name>` spelling Go documents. */
export function ottlRegex(pattern: string): string {
  return ottlString(toRe2Source(pattern));
}

/** A literal for a step value: strings quoted, whole numbers as OTTL ints, others as doubles, booleans bare. */
export function ottlValue(v: string | number | boolean): string {
  if (typeof v === "string") return ottlString(v);
  if (typeof v === "boolean") return String(v);
  if (Number.isInteger(v)) return String(v);
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Go's regexp.Expand reads `$` specially; a literal `$` in a replacement is `$$`. */
export function expandLiteral(s: string): string {
  return s.replace(/\$/g, "$$$$");
}

export function ottlStringList(items: string[]): string {
  return `[${items.map(ottlString).join(", ")}]`;
}

/**
 * A step field (`body`, `attributes.<key>`, `resource.attributes.<key>`) as an OTTL path. `prefix` is the context
 * prefix the transform processor needs (`log.`); filter's legacy sections take unprefixed paths (prefix "").
 */
export function fieldPath(field: string, prefix: string): string {
  if (field === "body") return `${prefix}body`;
  if (field.startsWith("resource.attributes."))
    return `resource.attributes[${ottlString(field.slice("resource.attributes.".length))}]`;
  return `${prefix}attributes[${ottlString(field.slice("attributes.".length))}]`;
}

/** An attribute of the item (`attributes[…]`, prefixed in transform) or of its resource. */
export function attributePath(key: string, resource: boolean, prefix: string): string {
  return resource ? `resource.attributes[${ottlString(key)}]` : `${prefix}attributes[${ottlString(key)}]`;
}
