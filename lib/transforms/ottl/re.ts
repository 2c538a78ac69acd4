import { RE2JS } from "re2js";

/**
 * Go `regexp` semantics for the preview: RE2 syntax through re2js (a port of Go's engine), unanchored matching, Go's
 * `Expand` for replacement templates and Go's `ReplaceAll` empty-match rule. JS `RegExp` differs on all of these.
 */
export type GoRegexp = {
  source: string;
  re: RE2JS;
  /** Group index by name (Go `SubexpNames`). */
  names: Record<string, number>;
  groupCount: number;
};

const cache = new Map<string, GoRegexp>();

/** Compiles (and caches) a Go regexp; throws the RE2 syntax error for anything Go would reject. */
export function compileRegexp(source: string): GoRegexp {
  let re = cache.get(source);
  if (!re) {
    const compiled = RE2JS.compile(source);
    re = { source, re: compiled, names: { ...compiled.namedGroups() }, groupCount: compiled.groupCount() };
    if (cache.size > 500) cache.clear();
    cache.set(source, re);
  }
  return re;
}

/** Go `MatchString`: true if the pattern matches anywhere in `s`. */
export function matchString(re: GoRegexp, s: string): boolean {
  return re.re.test(s);
}

/** Go `FindAllStringSubmatchIndex(s, -1)`: UTF-16 offsets here; -1 for groups that did not participate. */
export function findAllSubmatchIndex(re: GoRegexp, s: string): number[][] {
  return (re.re.re2().findAllSubmatchIndex(s, -1) as number[][] | null) ?? [];
}

/** Go `FindStringSubmatchIndex`: the leftmost match or null. */
export function findSubmatchIndex(re: GoRegexp, s: string): number[] | null {
  return (re.re.re2().findSubmatchIndex(s) as number[] | null) ?? null;
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Go's `extract`: a `$name`/`${name}` reference at the start of `str`, or null when malformed. */
function extract(str: string): { name: string; num: number; rest: string } | null {
  if (str === "") return null;
  let s = str;
  let brace = false;
  if (s[0] === "{") {
    brace = true;
    s = s.slice(1);
  }
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return null;
  const name = s.slice(0, i);
  if (brace) {
    if (i >= s.length || s[i] !== "}") return null;
    i++;
  }
  let num = 0;
  for (const c of name) {
    if (c < "0" || c > "9" || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c.charCodeAt(0) - 48);
  }
  if (name[0] === "0" && name.length > 1) num = -1;
  return { name, num, rest: s.slice(i) };
}

/**
 * Go `Regexp.ExpandString`: `$1x` is the group named "1x" (usually absent, so empty), `${1}x` is group 1 then "x",
 * `$$` is a literal `$`, and a malformed reference keeps its `$`.
 */
export function expand(re: GoRegexp, template: string, src: string, match: number[]): string {
  let out = "";
  let t = template;
  for (;;) {
    const at = t.indexOf("$");
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t[0] === "$") {
      out += "$";
      t = t.slice(1);
      continue;
    }
    const ref = extract(t);
    if (!ref) {
      out += "$";
      continue;
    }
    t = ref.rest;
    let group = ref.num;
    if (group < 0) group = re.names[ref.name] ?? -1;
    if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
      out += src.slice(match[2 * group], match[2 * group + 1]);
    }
  }
  return out + t;
}

/** Go `ReplaceAllString`, including its rule that an empty match right after a previous match is skipped. */
export function replaceAllString(re: GoRegexp, src: string, template: string): string {
  const matches = findAllSubmatchIndex(re, src);
  if (matches.length === 0) return src;
  let out = "";
  let last = 0;
  for (const m of matches) {
    out += src.slice(last, m[0]) + expand(re, template, src, m);
    last = m[1];
  }
  return out + src.slice(last);
}

/** Go `strings.ReplaceAll`: an empty `old` inserts `repl` before every rune and at the end. */
export function replaceAllLiteral(s: string, old: string, repl: string): string {
  if (old === "") return repl + Array.from(s).join(repl) + (s.length ? repl : "");
  return s.split(old).join(repl);
}
