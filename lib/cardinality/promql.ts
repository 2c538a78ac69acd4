/**
 * Metric names a PromQL expression reads. Not a full parser: a tokenizer plus the few rules that tell a metric
 * name from everything else that is a bare word in PromQL (functions, aggregation operators, keywords, label names
 * in `by (...)` / `on (...)` lists and in `{...}` matchers). Good enough for dashboards and rule files, where a
 * missed name only means a metric is shown as unused that is not, never that data is dropped unasked.
 */

export type PromqlNames = {
  /** Metric names, each once, in order of appearance. */
  names: string[];
  /** `{__name__=~"..."}` regexes (anchored by PromQL, as here). */
  patterns: string[];
  /** Names that could not be read, e.g. built from a Grafana variable (`${prefix}_requests_total`). */
  unresolved: string[];
};

type Token =
  | { t: "ident"; v: string }
  | { t: "string"; v: string }
  | { t: "var"; v: string }
  | { t: "punct"; v: string }
  | { t: "other"; v: string };

const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
  "atan2",
  "inf",
  "nan",
]);
/** Keywords followed by a parenthesised list of label names. */
const LABEL_LISTS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);
/** Aggregation operators: may be followed by `by (...)` before their parentheses. */
const AGGREGATIONS = new Set([
  "sum",
  "min",
  "max",
  "avg",
  "group",
  "stddev",
  "stdvar",
  "count",
  "count_values",
  "bottomk",
  "topk",
  "quantile",
  "limitk",
  "limit_ratio",
]);

const IDENT_START = /[A-Za-z_:]/;
const IDENT_CHAR = /[A-Za-z0-9_:.]/;

/** Splits an expression; Grafana variables (`$x`, `${x}`, `[[x]]`) become their own tokens. */
function tokenize(expr: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "#") {
      while (i < expr.length && expr[i] !== "\n") i++; // a PromQL comment
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      let v = "";
      while (j < expr.length && expr[j] !== c) {
        if (expr[j] === "\\" && c !== "`" && j + 1 < expr.length) j++;
        v += expr[j++];
      }
      out.push({ t: "string", v });
      i = j + 1;
    } else if (c === "$") {
      const m = /^\$(\{[^}]*\}|[A-Za-z0-9_]+)/.exec(expr.slice(i));
      out.push({ t: "var", v: m ? m[0] : "$" });
      i += m ? m[0].length : 1;
    } else if (c === "[" && expr[i + 1] === "[") {
      const end = expr.indexOf("]]", i);
      out.push({ t: "var", v: expr.slice(i, end < 0 ? expr.length : end + 2) });
      i = end < 0 ? expr.length : end + 2;
    } else if (c === "[") {
      // A range or subquery: `[5m]`, `[$__rate_interval]`, `[1h:5m]`; nothing in it is a name.
      const end = expr.indexOf("]", i);
      i = end < 0 ? expr.length : end + 1;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(expr[i + 1] ?? ""))) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?([smhdwy]|ms)*)/i.exec(expr.slice(i));
      const v = m?.[0] || c;
      out.push({ t: "other", v });
      i += v.length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      // Dots are not PromQL, but Grafana-era and UTF-8 names show them; keep them inside a word.
      while (j < expr.length && IDENT_CHAR.test(expr[j])) j++;
      out.push({ t: "ident", v: expr.slice(i, j) });
      i = j;
    } else {
      const two = expr.slice(i, i + 2);
      const op = ["=~", "!~", "!=", "==", ">=", "<="].includes(two) ? two : c;
      out.push({ t: "punct", v: op });
      i += op.length;
    }
  }
  return out;
}

/** Index just past the token closing the bracket opened at `open`. */
function skipGroup(tokens: Token[], open: number, o: string, c: string): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const tk = tokens[i];
    if (tk.t === "punct" && tk.v === o) depth++;
    else if (tk.t === "punct" && tk.v === c && --depth === 0) return i + 1;
  }
  return tokens.length;
}

const isPunct = (tk: Token | undefined, v: string) => tk?.t === "punct" && tk.v === v;
const MATCH_OPS = new Set(["=", "!=", "=~", "!~"]);

/** Reads a `{...}` selector: `__name__` matchers and Prometheus 3 quoted names (`{"http.server.duration"}`). */
function readMatchers(tokens: Token[], start: number, end: number, found: PromqlNames, add: (n: string) => void) {
  let i = start + 1;
  while (i < end - 1) {
    const tk = tokens[i];
    const op = tokens[i + 1];
    const value = tokens[i + 2];
    if ((tk.t === "ident" || tk.t === "string") && op?.t === "punct" && MATCH_OPS.has(op.v)) {
      if (tk.v === "__name__" && value?.t === "string") {
        if (op.v === "=") add(value.v);
        else if (op.v === "=~") found.patterns.push(value.v);
      }
      i += 3;
    } else {
      if (tk.t === "string") add(tk.v); // a quoted metric name stands alone in the braces
      i++;
    }
  }
}

/** Metric names, `__name__` patterns and unreadable names in one PromQL expression. */
export function promqlMetricNames(expr: string): PromqlNames {
  const found: PromqlNames = { names: [], patterns: [], unresolved: [] };
  const seen = new Set<string>();
  const add = (n: string) => {
    if (n && !seen.has(n)) {
      seen.add(n);
      found.names.push(n);
    }
  };
  const tokens = tokenize(expr);
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    const next = tokens[i + 1];
    if (tk.t === "punct" && tk.v === "{") {
      const end = skipGroup(tokens, i, "{", "}");
      readMatchers(tokens, i, end, found, add);
      i = end - 1;
      continue;
    }
    if (tk.t === "var" && !isPunct(next, "(")) {
      const prev = tokens[i - 1];
      const glued =
        (next?.t === "ident" && expr.includes(tk.v + next.v)) || (prev?.t === "ident" && expr.includes(prev.v + tk.v));
      if (!glued) found.unresolved.push(tk.v); // `rate($metric[5m])`
      continue;
    }
    if (tk.t !== "ident") continue;
    const word = tk.v;
    const lower = word.toLowerCase();
    if (LABEL_LISTS.has(lower)) {
      if (isPunct(next, "(")) i = skipGroup(tokens, i + 1, "(", ")") - 1;
      continue;
    }
    if (KEYWORDS.has(lower)) continue;
    if (isPunct(next, "(")) continue; // a function or an aggregation
    if (AGGREGATIONS.has(lower) && next?.t === "ident" && LABEL_LISTS.has(next.v.toLowerCase())) continue;
    // A word glued to a variable (`${prefix}_total`, `node_${x}`) is a name nobody can read until Grafana runs.
    const prev = tokens[i - 1];
    if (next?.t === "var" || (prev?.t === "var" && !/\s$/.test(prev.v))) {
      const glued = expr.includes(prev?.v + word) || expr.includes(word + next?.v);
      if (glued) {
        found.unresolved.push(prev?.t === "var" ? prev.v + word : word + (next?.v ?? ""));
        continue;
      }
    }
    if (/^[0-9.]/.test(word) || word.endsWith(".")) continue;
    add(word);
  }
  return found;
}
