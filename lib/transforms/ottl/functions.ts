import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import type { Arg, Expr } from "./ast";
import { OttlRuntimeError, type TransformContext } from "./context";
import { evalExpr, setPath } from "./eval";
import { OttlSyntaxError } from "./parse";
import {
  compileRegexp,
  expand,
  findAllSubmatchIndex,
  findSubmatchIndex,
  matchString,
  replaceAllLiteral,
  replaceAllString,
  type GoRegexp,
} from "./re";
import {
  asString,
  byteLength,
  byteSlice,
  cloneValue,
  formatDouble,
  fromJSON,
  hex,
  isMap,
  typeOf,
  utf8,
  type Value,
  type ValueMap,
} from "./values";

/** The OTTL functions the studio's compile table emits (ottlfuncs README at v0.136.0), plus a few common converters. */
type Fn = (args: Arg[], ctx: TransformContext) => Value;

function fail(msg: string): never {
  throw new OttlRuntimeError(msg);
}

/** Binds positional and named arguments to a function's parameter names. */
function bind(fn: string, args: Arg[], params: string[], required: number): (Expr | undefined)[] {
  const out: (Expr | undefined)[] = [];
  args.forEach((a, i) => {
    const at = a.name ? params.indexOf(a.name) : i;
    if (at < 0 || at >= params.length) throw new OttlSyntaxError(`${fn}: unexpected argument ${a.name ?? i + 1}`);
    out[at] = a.value;
  });
  for (let i = 0; i < required; i++) if (!out[i]) throw new OttlSyntaxError(`${fn}: missing argument ${params[i]}`);
  return out;
}

function str(fn: string, v: Value): string {
  if (typeof v !== "string") fail(`${fn}: expected a string but got ${typeOf(v)}`);
  return v;
}

function int(fn: string, v: Value): bigint {
  if (typeof v !== "bigint") fail(`${fn}: expected an int but got ${typeOf(v)}`);
  return v;
}

function map(fn: string, v: Value): ValueMap {
  if (!isMap(v)) fail(`${fn}: expected a map but got ${typeOf(v)}`);
  return v;
}

/** A regex argument must be a string literal; an invalid one fails at startup. */
function literalRegexp(fn: string, e: Expr | undefined): GoRegexp {
  if (!e || e.k !== "lit" || typeof e.v !== "string")
    throw new OttlSyntaxError(`${fn}: the pattern must be a string literal`);
  try {
    return compileRegexp(e.v);
  } catch (err) {
    throw new OttlSyntaxError(`${fn}: invalid regex ${JSON.stringify(e.v)}: ${(err as Error).message}`);
  }
}

function literalString(fn: string, e: Expr | undefined): string {
  if (!e || e.k !== "lit" || typeof e.v !== "string") throw new OttlSyntaxError(`${fn}: expected a string literal`);
  return e.v;
}

function stringList(fn: string, e: Expr | undefined, ctx: TransformContext): string[] {
  if (!e) return [];
  const v = evalExpr(e, ctx);
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) fail(`${fn}: expected a list of strings`);
  return v as string[];
}

/** A live map behind a path (`log.attributes`): editors mutate it in place. */
function targetMap(fn: string, e: Expr, ctx: TransformContext): ValueMap | null {
  const v = evalExpr(e, ctx);
  if (v === null) return null;
  return map(fn, v);
}

const HASHES: Record<string, (b: Uint8Array) => Uint8Array> = { SHA1: sha1, SHA256: sha256, SHA512: sha512, MD5: md5 };

function hashFunction(fn: string, e: Expr | undefined): ((s: string) => string) | undefined {
  if (!e) return undefined;
  if (e.k !== "funcref" || !HASHES[e.name]) throw new OttlSyntaxError(`${fn}: unsupported function argument`);
  const h = HASHES[e.name];
  return (s) => hex(h(utf8(s)));
}

/** Go's fmt.Sprintf(format, s) for the one verb these formats use. */
function sprintf(format: string, s: string): string {
  return format.replace(/%%|%s/g, (m) => (m === "%%" ? "%" : s));
}

/**
 * replace_pattern's hash path (ottlfuncs applyOptReplaceFunction): each match's template is expanded, hashed, then
 * formatted, and the *full match text* is replaced everywhere in the value by string replacement.
 */
function replaceWithFunction(
  re: GoRegexp,
  src: string,
  template: string,
  hash: (s: string) => string,
  format: string | undefined,
): string {
  let out = src;
  for (const m of findAllSubmatchIndex(re, src)) {
    const full = src.slice(m[0], m[1]);
    const h = hash(expand(re, template, src, m));
    out = replaceAllLiteral(out, full, format ? sprintf(format, h) : h);
  }
  return out;
}

function replaceOne(
  re: GoRegexp,
  s: string,
  template: string,
  hash: ((s: string) => string) | undefined,
  format: string | undefined,
): string {
  if (!matchString(re, s)) return s;
  return hash ? replaceWithFunction(re, s, template, hash, format) : replaceAllString(re, s, template);
}

/** ParseKeyValue's splitter (pkg/parseutils SplitString): delimiters inside quotes do not split; an open quote errors. */
function splitQuoted(input: string, delimiter: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote = "";
  for (let i = 0; i < input.length; i++) {
    if (quote === "" && input.startsWith(delimiter, i)) {
      if (current !== "") out.push(current);
      current = "";
      i += delimiter.length - 1;
      continue;
    }
    const c = input[i];
    if (quote === "" && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = "";
    current += c;
  }
  if (quote !== "") fail("ParseKeyValue: never reached the end of a quoted value");
  if (current !== "") out.push(current);
  return out;
}

const trimQuotes = (s: string) => s.replace(/^["']+|["']+$/g, "").trim();

export const EDITORS: Record<string, (args: Arg[], ctx: TransformContext) => void> = {
  set(args, ctx) {
    const [target, value] = bind("set", args, ["target", "value"], 2);
    setPath(target!, ctx, evalExpr(value!, ctx));
  },
  delete_key(args, ctx) {
    const [target, key] = bind("delete_key", args, ["target", "key"], 2);
    targetMap("delete_key", target!, ctx)?.delete(str("delete_key", evalExpr(key!, ctx)));
  },
  delete_matching_keys(args, ctx) {
    const [target, pattern] = bind("delete_matching_keys", args, ["target", "pattern"], 2);
    const re = literalRegexp("delete_matching_keys", pattern);
    const m = targetMap("delete_matching_keys", target!, ctx);
    if (m) for (const k of [...m.keys()]) if (matchString(re, k)) m.delete(k);
  },
  keep_keys(args, ctx) {
    const [target, keys] = bind("keep_keys", args, ["target", "keys"], 2);
    const keep = new Set(stringList("keep_keys", keys, ctx));
    const m = targetMap("keep_keys", target!, ctx);
    if (m) for (const k of [...m.keys()]) if (!keep.has(k)) m.delete(k);
  },
  keep_matching_keys(args, ctx) {
    const [target, pattern] = bind("keep_matching_keys", args, ["target", "pattern"], 2);
    const re = literalRegexp("keep_matching_keys", pattern);
    const m = targetMap("keep_matching_keys", target!, ctx);
    if (m) for (const k of [...m.keys()]) if (!matchString(re, k)) m.delete(k);
  },
  merge_maps(args, ctx) {
    const [target, source, strategy] = bind("merge_maps", args, ["target", "source", "strategy"], 3);
    const how = literalString("merge_maps", strategy);
    if (!["insert", "update", "upsert"].includes(how))
      throw new OttlSyntaxError(`merge_maps: invalid strategy ${JSON.stringify(how)}`);
    const src = map("merge_maps", evalExpr(source!, ctx));
    const dst = targetMap("merge_maps", target!, ctx);
    if (!dst) return;
    for (const [k, v] of src) {
      const has = dst.has(k);
      if ((how === "insert" && !has) || (how === "update" && has) || how === "upsert") dst.set(k, cloneValue(v));
    }
  },
  replace_pattern(args, ctx) {
    const [target, regex, replacement, fn, format] = bind(
      "replace_pattern",
      args,
      ["target", "regex", "replacement", "function", "replacementFormat"],
      3,
    );
    const re = literalRegexp("replace_pattern", regex);
    const hash = hashFunction("replace_pattern", fn);
    const v = evalExpr(target!, ctx);
    if (typeof v !== "string") return;
    const template = str("replace_pattern", evalExpr(replacement!, ctx));
    const fmt = format ? str("replace_pattern", evalExpr(format, ctx)) : undefined;
    const out = replaceOne(re, v, template, hash, fmt);
    if (out !== v) setPath(target!, ctx, out);
  },
  replace_all_patterns(args, ctx) {
    const [target, mode, regex, replacement, fn, format] = bind(
      "replace_all_patterns",
      args,
      ["target", "mode", "regex", "replacement", "function", "replacementFormat"],
      4,
    );
    const how = literalString("replace_all_patterns", mode);
    if (how !== "key" && how !== "value")
      throw new OttlSyntaxError(`replace_all_patterns: invalid mode ${JSON.stringify(how)}`);
    const re = literalRegexp("replace_all_patterns", regex);
    const hash = hashFunction("replace_all_patterns", fn);
    const template = str("replace_all_patterns", evalExpr(replacement!, ctx));
    const fmt = format ? str("replace_all_patterns", evalExpr(format, ctx)) : undefined;
    const m = targetMap("replace_all_patterns", target!, ctx);
    if (!m) return;
    if (how === "value") {
      for (const [k, v] of m) if (typeof v === "string") m.set(k, replaceOne(re, v, template, hash, fmt));
      return;
    }
    const entries = [...m];
    m.clear();
    for (const [k, v] of entries) m.set(replaceOne(re, k, template, hash, fmt), v);
  },
  truncate_all(args, ctx) {
    const [target, limit] = bind("truncate_all", args, ["target", "limit"], 2);
    const n = int("truncate_all", evalExpr(limit!, ctx));
    if (n < 0n) fail(`truncate_all: invalid limit ${n}`);
    const m = targetMap("truncate_all", target!, ctx);
    if (m)
      for (const [k, v] of m)
        if (typeof v === "string" && byteLength(v) > Number(n)) m.set(k, byteSlice(v, 0, Number(n)));
  },
  limit(args, ctx) {
    const [target, limit, priority] = bind("limit", args, ["target", "limit", "priority_keys"], 2);
    const n = Number(int("limit", evalExpr(limit!, ctx)));
    if (n < 0) fail(`limit: invalid limit ${n}`);
    const m = targetMap("limit", target!, ctx);
    if (!m || m.size <= n) return;
    // The collector keeps the priority keys, then whichever others Go's map iteration yields first: random.
    ctx.nondeterministic = true;
    const keep = new Set(
      stringList("limit", priority, ctx)
        .filter((k) => m.has(k))
        .slice(0, n),
    );
    for (const k of m.keys()) if (keep.size < n) keep.add(k);
    for (const k of [...m.keys()]) if (!keep.has(k)) m.delete(k);
  },
  aggregate_on_attributes(args, ctx) {
    const [fn, keys] = bind("aggregate_on_attributes", args, ["aggregationFunction", "attributes"], 1);
    const how = literalString("aggregate_on_attributes", fn);
    if (!["sum", "max", "min", "mean", "median", "count"].includes(how))
      throw new OttlSyntaxError(`aggregate_on_attributes: invalid function ${how}`);
    if (!ctx.aggregate) throw new OttlSyntaxError("aggregate_on_attributes runs only in the metric context");
    ctx.aggregate(how, keys ? stringList("aggregate_on_attributes", keys, ctx) : undefined);
  },
};

/** Getter for converters whose target must be a string: nil and every other type error. */
function strArg(fn: string, e: Expr | undefined, ctx: TransformContext): string {
  return str(fn, evalExpr(e!, ctx));
}

export const CONVERTERS: Record<string, Fn> = {
  ParseJSON(args, ctx) {
    const [target] = bind("ParseJSON", args, ["target"], 1);
    const s = strArg("ParseJSON", target, ctx);
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch (err) {
      fail(`ParseJSON: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object") fail("ParseJSON: the input is not a JSON object or array");
    return fromJSON(parsed);
  },
  ExtractPatterns(args, ctx) {
    const [target, pattern] = bind("ExtractPatterns", args, ["target", "pattern"], 2);
    const re = literalRegexp("ExtractPatterns", pattern);
    if (Object.keys(re.names).length === 0)
      throw new OttlSyntaxError("ExtractPatterns: at least 1 named capture group must be supplied in the given regex");
    const s = strArg("ExtractPatterns", target, ctx);
    const m = findSubmatchIndex(re, s);
    const out: ValueMap = new Map();
    if (!m) return out;
    const byIndex = Object.entries(re.names).sort((a, b) => a[1] - b[1]);
    for (const [name, i] of byIndex) out.set(name, m[2 * i] >= 0 ? s.slice(m[2 * i], m[2 * i + 1]) : "");
    return out;
  },
  ParseKeyValue(args, ctx) {
    const [target, delimiter, pairDelimiter] = bind(
      "ParseKeyValue",
      args,
      ["target", "delimiter", "pair_delimiter"],
      1,
    );
    const d = delimiter ? strArg("ParseKeyValue", delimiter, ctx) : "=";
    const pd = pairDelimiter ? strArg("ParseKeyValue", pairDelimiter, ctx) : " ";
    if (d === pd) throw new OttlSyntaxError("ParseKeyValue: delimiter and pair_delimiter cannot be the same");
    const s = strArg("ParseKeyValue", target, ctx);
    if (s === "") fail("ParseKeyValue: cannot parse from empty target");
    const out: ValueMap = new Map();
    const bad: string[] = [];
    for (const pair of splitQuoted(s, pd)) {
      const at = pair.indexOf(d);
      if (at < 0) {
        bad.push(pair);
        continue;
      }
      out.set(trimQuotes(pair.slice(0, at)), trimQuotes(pair.slice(at + d.length)));
    }
    if (bad.length) fail(`ParseKeyValue: cannot split ${JSON.stringify(bad[0])} into 2 items`);
    return out;
  },
  IsMatch(args, ctx) {
    const [target, pattern] = bind("IsMatch", args, ["target", "pattern"], 2);
    const re = literalRegexp("IsMatch", pattern);
    const v = evalExpr(target!, ctx);
    if (v === null) return false;
    return matchString(re, asString(v));
  },
  IsString: (args, ctx) => typeof evalExpr(bind("IsString", args, ["value"], 1)[0]!, ctx) === "string",
  IsMap: (args, ctx) => isMap(evalExpr(bind("IsMap", args, ["value"], 1)[0]!, ctx)),
  IsList: (args, ctx) => Array.isArray(evalExpr(bind("IsList", args, ["value"], 1)[0]!, ctx)),
  IsInt: (args, ctx) => typeof evalExpr(bind("IsInt", args, ["value"], 1)[0]!, ctx) === "bigint",
  IsDouble: (args, ctx) => typeof evalExpr(bind("IsDouble", args, ["value"], 1)[0]!, ctx) === "number",
  IsBool: (args, ctx) => typeof evalExpr(bind("IsBool", args, ["value"], 1)[0]!, ctx) === "boolean",
  Len(args, ctx) {
    const v = evalExpr(bind("Len", args, ["target"], 1)[0]!, ctx);
    if (typeof v === "string") return BigInt(byteLength(v));
    if (isMap(v)) return BigInt(v.size);
    if (Array.isArray(v) || v instanceof Uint8Array) return BigInt(v.length);
    return fail(`Len: unsupported type ${typeOf(v)}`);
  },
  Substring(args, ctx) {
    const [target, start, length] = bind("Substring", args, ["target", "start", "length"], 3);
    const s = strArg("Substring", target, ctx);
    const from = int("Substring", evalExpr(start!, ctx));
    const n = int("Substring", evalExpr(length!, ctx));
    if (from < 0n || n <= 0n) fail(`Substring: invalid range start=${from} length=${n}`);
    if (from + n > BigInt(byteLength(s))) fail(`Substring: invalid range for a ${byteLength(s)}-byte string`);
    return byteSlice(s, Number(from), Number(from + n));
  },
  SHA1: (args, ctx) => hex(sha1(utf8(strArg("SHA1", bind("SHA1", args, ["value"], 1)[0], ctx)))),
  SHA256: (args, ctx) => hex(sha256(utf8(strArg("SHA256", bind("SHA256", args, ["value"], 1)[0], ctx)))),
  SHA512: (args, ctx) => hex(sha512(utf8(strArg("SHA512", bind("SHA512", args, ["value"], 1)[0], ctx)))),
  MD5: (args, ctx) => hex(md5(utf8(strArg("MD5", bind("MD5", args, ["value"], 1)[0], ctx)))),
  Concat(args, ctx) {
    const [vals, delimiter] = bind("Concat", args, ["vals", "delimiter"], 2);
    const list = evalExpr(vals!, ctx);
    if (!Array.isArray(list)) fail("Concat: expected a list");
    const d = strArg("Concat", delimiter, ctx);
    return list.map((v) => (v === null ? "" : typeof v === "number" ? formatDouble(v) : asString(v))).join(d);
  },
  ToLowerCase: (args, ctx) => strArg("ToLowerCase", bind("ToLowerCase", args, ["target"], 1)[0], ctx).toLowerCase(),
  ToUpperCase: (args, ctx) => strArg("ToUpperCase", bind("ToUpperCase", args, ["target"], 1)[0], ctx).toUpperCase(),
  String(args, ctx) {
    const v = evalExpr(bind("String", args, ["value"], 1)[0]!, ctx);
    return v === null ? null : asString(v);
  },
};
