import { RE2JS } from "re2js";

/**
 * The RE2 guard. The collector runs every regex with Go's `regexp` (RE2); the studio previews and highlights in
 * JavaScript. A pattern is accepted only when RE2 accepts it (re2js is a port of Go's parser, with Go's messages)
 * and JavaScript reads it the same way, so the preview and the collector agree on what it matches.
 */

/**
 * How a pattern is used: `replace` refuses empty matches (Go and JS replace them differently), `key` too (it would
 * match every key), `extract` needs named groups.
 */
export type RegexUse = "match" | "replace" | "extract" | "key";

type Token = { kind: "escape" | "class" | "group" | "other"; text: string };

/** Splits a pattern into escapes, bracket classes, group openers and single characters. */
function tokenize(p: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === "\\") {
      const end = escapeEnd(p, i);
      out.push({ kind: "escape", text: p.slice(i, end) });
      i = end;
    } else if (c === "[") {
      const end = classEnd(p, i);
      out.push({ kind: "class", text: p.slice(i, end) });
      i = end;
    } else if (c === "(" && p[i + 1] === "?") {
      const m = /^\(\?(P?<[^>]*>|[^)]*?[):]|)/.exec(p.slice(i));
      const text = m && m[1] ? `(?${m[1]}` : "(?";
      out.push({ kind: "group", text });
      i += text.length;
    } else {
      out.push({ kind: "other", text: c });
      i++;
    }
  }
  return out;
}

function escapeEnd(p: string, i: number): number {
  const next = p[i + 1];
  if (next === "Q") {
    const close = p.indexOf("\\E", i + 2);
    return close < 0 ? p.length : close + 2;
  }
  if ((next === "x" || next === "p" || next === "P") && p[i + 2] === "{") {
    const close = p.indexOf("}", i + 3);
    return close < 0 ? p.length : close + 1;
  }
  if (next === "p" || next === "P") return Math.min(i + 3, p.length);
  return Math.min(i + 2, p.length);
}

function classEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === "^") j++;
  if (p[j] === "]") j++;
  while (j < p.length && p[j] !== "]") {
    if (p[j] === "\\") j += 2;
    else if (p[j] === "[" && p[j + 1] === ":") {
      const close = p.indexOf(":]", j + 2);
      j = close < 0 ? j + 1 : close + 2;
    } else j++;
  }
  return Math.min(j + 1, p.length);
}

const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/** Refusals with a reason users can act on, checked before RE2's own (terser) parse errors. */
function friendlyRefusal(tokens: Token[]): string | null {
  for (const [n, t] of tokens.entries()) {
    if (t.kind === "group") {
      if (t.text.startsWith("(?=")) return "lookahead (?= is not supported by the collector's RE2";
      if (t.text.startsWith("(?!")) return "negative lookahead (?! is not supported by the collector's RE2";
      if (t.text.startsWith("(?<=")) return "lookbehind (?<= is not supported by the collector's RE2";
      if (t.text.startsWith("(?<!")) return "negative lookbehind (?<! is not supported by the collector's RE2";
      if (t.text.startsWith("(?>")) return "atomic groups (?> are not supported by the collector's RE2";
      const name = /^\(\?P?<([^>]*)>$/.exec(t.text)?.[1];
      if (name !== undefined && !/^[A-Za-z0-9_]+$/.test(name)) {
        return `group name "${name}" is not allowed: use letters, digits and _ only (extract, then rename with a separate step)`;
      }
      if (/^\(\?[a-zA-Z-]+[):]$/.test(t.text)) {
        if (t.text.includes("U"))
          return "the (?U) ungreedy flag reads differently in JavaScript; write lazy quantifiers (*?, +?) instead";
        if (n !== 0 || t.text.endsWith(":") || !LEADING_FLAGS.test(t.text)) {
          return `inline flags ${t.text} are only supported at the very start of the pattern, as (?i), (?s) or (?m)`;
        }
      }
    } else if (t.kind === "escape") {
      const e = t.text;
      if (e === "\\0" || (/^\\[1-7]$/.test(e) && /^[0-7]$/.test(tokens[n + 1]?.text ?? ""))) {
        return "octal escapes are read differently by JavaScript; write \\x followed by two hex digits instead";
      }
      if (/^\\[1-9]/.test(e)) return `backreference ${e} is not supported by the collector's RE2`;
      if (e === "\\A" || e === "\\z")
        return `${e} is read differently by JavaScript; use ^ or $ (without the m flag) instead`;
      if (e.startsWith("\\Q"))
        return "\\Q…\\E quoting is read differently by JavaScript; escape each special character with \\ instead";
      if (/^\\[pP][^{]/.test(e))
        return `${e} is read differently by JavaScript; write ${e.slice(0, 2)}{${e[2]}} instead`;
      if (e.startsWith("\\x{"))
        return `${e} is read differently by JavaScript; write \\x followed by two hex digits, or the character itself`;
    } else if (t.kind === "class") {
      if (/\[:\^?[a-z]+:\]/.test(t.text))
        return `POSIX class in ${t.text} is read differently by JavaScript; use a range such as [A-Za-z] instead`;
      const inner = tokenize(t.text.slice(1, -1)).find(
        (x) =>
          x.kind === "escape" && (/^\\[pP][^{]/.test(x.text) || x.text.startsWith("\\x{") || x.text.startsWith("\\Q")),
      );
      if (inner) return `${inner.text} inside ${t.text} is read differently by JavaScript`;
    } else if (t.kind === "other" && /^[*+?}]$/.test(t.text) && tokens[n + 1]?.text === "+") {
      return "possessive quantifiers (*+, ++, ?+) are not supported by the collector's RE2";
    }
  }
  return null;
}

/** RE2's verdict, with Go's message (minus its "error parsing regexp:" prefix); null when Go compiles it. */
export function re2Error(p: string): string | null {
  try {
    RE2JS.compile(p);
    return null;
  } catch (err) {
    const message = (err as Error).message.replace(/^error parsing regexp:\s*/, "");
    return message.startsWith("invalid repeat count")
      ? `${message} (RE2 allows counts up to 1000, minimum not above maximum)`
      : message;
  }
}

/**
 * Checks a user regex for the collector (RE2) and for JS parity; returns why it is refused, or null when fine.
 * `use` adds the rules of the statement it goes into.
 */
export function checkRegex(p: string, use: RegexUse): string | null {
  if (p === "") return "the pattern is empty";
  if (/\p{Cc}/u.test(p)) return "write control characters as escapes (\\t, \\n) instead of typing them raw";
  const tokens = tokenize(p);
  const refusal = friendlyRefusal(tokens) ?? re2Error(p);
  if (refusal) return refusal;
  try {
    toJsRegExp(p);
  } catch (err) {
    return `RE2 accepts it but the preview's JavaScript engine does not: ${(err as Error).message}`;
  }
  if (use === "extract" && !tokens.some((t) => t.kind === "group" && /^\(\?P?<\w+>$/.test(t.text))) {
    return "add at least one named group, such as (?P<status>\\d+): the collector refuses a pattern without one";
  }
  if (use === "replace" && canMatchEmpty(tokens)) {
    return "the pattern can match an empty string (for example x* or a|): require at least one character, such as x+";
  }
  if (use === "key" && canMatchEmpty(tokens))
    return "the pattern can match an empty string, so it matches every key: require at least one character";
  return null;
}

/** Conservative: drops assertions (which only restrict), then asks RE2 whether the rest matches "". */
function canMatchEmpty(tokens: Token[]): boolean {
  const stripped = tokens
    .filter(
      (t) =>
        !(t.kind === "other" && (t.text === "^" || t.text === "$")) &&
        !(t.kind === "escape" && /^\\[bBAz]$/.test(t.text)),
    )
    .map((t) => t.text)
    .join("");
  try {
    return RE2JS.compile(stripped).matches("");
  } catch {
    return true;
  }
}

/**
 * The JavaScript equivalent of an accepted pattern, for highlighting: `(?P<n>` → `(?<n>`, a leading flag group
 * → flags, and RE2's `\s` (no \v, no U+00A0) and `.` (matches \r) spelled out. Throws on what JS refuses.
 */
export function toJsRegExp(p: string, extraFlags = ""): RegExp {
  let source = p;
  let flags = "u" + extraFlags;
  const lead = LEADING_FLAGS.exec(source);
  if (lead) {
    flags += [...new Set(lead[1])].filter((f) => !flags.includes(f)).join("");
    source = source.slice(lead[0].length);
  }
  const dotAll = flags.includes("s");
  const js = tokenize(source)
    .map((t) => {
      if (t.kind === "group") return t.text.replace(/^\(\?P</, "(?<");
      if (t.kind === "escape" && t.text === "\\s") return "[\\t\\n\\f\\r ]";
      if (t.kind === "escape" && t.text === "\\S") return "[^\\t\\n\\f\\r ]";
      if (t.kind === "escape") return jsEscape(t.text);
      if (t.kind === "class") return jsClass(t.text);
      if (t.kind === "other" && t.text === ".") return dotAll ? "." : "[^\\n]";
      return t.text;
    })
    .join("");
  return new RegExp(js, flags);
}

const JS_SYNTAX = "^$\\.*+?()[]{}|/";

/** JS (u flag) refuses escaped punctuation other than its syntax characters (`\\=`, `\\-`, `\\ `); RE2 reads them as literals. */
function jsEscape(e: string): string {
  return /^\\[ -/:-@[-`{-~]$/.test(e) && !JS_SYNTAX.includes(e[1])
    ? `\\x${e.charCodeAt(1).toString(16).padStart(2, "0")}`
    : e;
}
/** A bracket class with its escapes made JS-safe and RE2's `\\s` spelled out. */
function jsClass(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\" || i === text.length - 1) {
      out += text[i];
      continue;
    }
    const e = text.slice(i, i + 2);
    out += e === "\\s" ? "\\t\\n\\f\\r " : jsEscape(e);
    i++;
  }
  return out;
}

/** The form the compiler emits: Go-style `(?P<name>` groups (the README's spelling, accepted by every Go release). */
export function toRe2Source(p: string): string {
  return tokenize(p)
    .map((t) => (t.kind === "group" ? t.text.replace(/^\(\?<(?=[A-Za-z0-9_]+>$)/, "(?P<") : t.text))
    .join("");
}

/** Go's regexp.QuoteMeta: a literal string as a regex. */
export function quoteRegex(literal: string): string {
  return literal.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

/**
 * A metric-name glob (`*` any run, `?` one character, case-sensitive, whole name) as an anchored RE2 regex.
 * Everything else is literal, so `http.server.*` becomes `^http\.server\..*$`.
 */
export function globToRegex(glob: string): string {
  return `^${[...glob].map((c) => (c === "*" ? ".*" : c === "?" ? "." : quoteRegex(c))).join("")}$`;
}
