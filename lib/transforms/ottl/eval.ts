import type { BoolExpr, CmpOp, Expr, Key, Statement } from "./ast";
import { OttlRuntimeError, type TransformContext } from "./context";
import { CONVERTERS, EDITORS } from "./functions";
import { OttlSyntaxError } from "./parse";
import { cloneValue, isMap, typeOf, valuesEqual, type Value } from "./values";

function fail(msg: string): never {
  throw new OttlRuntimeError(msg);
}

function index(base: Value, key: Key, text: string): Value {
  if (base === null) return null;
  if (typeof key === "string") {
    if (!isMap(base)) fail(`${text}: a ${typeOf(base)} cannot be indexed by a string`);
    return base.get(key) ?? null;
  }
  if (!Array.isArray(base)) fail(`${text}: a ${typeOf(base)} cannot be indexed by an integer`);
  if (key < 0n || key >= BigInt(base.length)) fail(`${text}: index ${key} out of range`);
  return base[Number(key)];
}

export function evalExpr(e: Expr, ctx: TransformContext): Value {
  switch (e.k) {
    case "lit":
      return e.v;
    case "enum":
      return e.v;
    case "path": {
      let v = ctx.field(e.names).get();
      for (const key of e.keys) v = index(v, key, e.text);
      return v;
    }
    case "call": {
      const fn = CONVERTERS[e.name];
      if (!fn) throw new OttlSyntaxError(`unknown converter ${e.name}`);
      let v = fn(e.args, ctx);
      for (const key of e.keys) v = index(v, key, e.name);
      return v;
    }
    case "list":
      return e.items.map((x) => evalExpr(x, ctx));
    case "map":
      return new Map(e.entries.map(([k, x]) => [k, evalExpr(x, ctx)]));
    case "funcref":
      throw new OttlSyntaxError(`${e.name} is a function, not a value`);
    case "math":
      return math(e.op, evalExpr(e.l, ctx), evalExpr(e.r, ctx));
  }
}

/** LANGUAGE.md "Math Expressions": int with int, float with float, nothing mixed; integer division truncates. */
function math(op: "+" | "-" | "*" | "/", a: Value, b: Value): Value {
  if (typeof a === "bigint" && typeof b === "bigint") {
    if (op === "/" && b === 0n) fail("attempted to divide by 0");
    return op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : a / b;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (op === "/" && b === 0) fail("attempted to divide by 0");
    return op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : a / b;
  }
  return fail(`cannot apply ${op} to ${typeOf(a)} and ${typeOf(b)}`);
}

/** Writes through a path, creating intermediate maps for nested keys. `nil` is a no-op, as in `set`. */
export function setPath(e: Expr, ctx: TransformContext, value: Value): void {
  if (e.k !== "path") throw new OttlSyntaxError("the target of an editor must be a path");
  if (value === null) return;
  const v = cloneValue(value);
  const field = ctx.field(e.names);
  if (e.keys.length === 0) return field.set(v);
  let base = field.get();
  if (base === null) {
    field.set(new Map());
    base = field.get();
  }
  for (let i = 0; i < e.keys.length - 1; i++) {
    const key = e.keys[i];
    let next = index(base, key, e.text);
    if (next === null && typeof key === "string" && isMap(base)) {
      next = new Map();
      base.set(key, next);
    }
    base = next;
  }
  const last = e.keys[e.keys.length - 1];
  if (typeof last === "string") {
    if (!isMap(base)) fail(`${e.text}: cannot set a key on a ${typeOf(base)}`);
    base.set(last, v);
  } else {
    if (!Array.isArray(base) || last < 0n || last >= BigInt(base.length)) fail(`${e.text}: index ${last} out of range`);
    base[Number(last)] = v;
  }
}

function order(a: Value, b: Value): number | undefined {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta === "int" && tb === "int") return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
  if ((ta === "int" || ta === "double") && (tb === "int" || tb === "double")) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : undefined;
  }
  if (ta === "str" && tb === "str") return a! < b! ? -1 : a! > b! ? 1 : 0;
  if (ta === "bool" && tb === "bool") return Number(a) - Number(b);
  return undefined;
}

/** LANGUAGE.md "Comparison Rules": no coercion between strings and numbers, nil equals only nil, mismatched orderings are false. */
export function compare(op: CmpOp, a: Value, b: Value): boolean {
  if (op === "==") return valuesEqual(a, b);
  if (op === "!=") return !valuesEqual(a, b);
  const o = order(a, b);
  if (o === undefined) return false;
  return op === "<" ? o < 0 : op === "<=" ? o <= 0 : op === ">" ? o > 0 : o >= 0;
}

/** Evaluates a condition; `and`/`or` short-circuit left to right, so `IsString(x) and Len(x) > 3` never errors. */
export function evalBool(b: BoolExpr, ctx: TransformContext): boolean {
  switch (b.k) {
    case "or":
      return b.items.some((x) => evalBool(x, ctx));
    case "and":
      return b.items.every((x) => evalBool(x, ctx));
    case "not":
      return !evalBool(b.x, ctx);
    case "cmp":
      return compare(b.op, evalExpr(b.l, ctx), evalExpr(b.r, ctx));
    case "term": {
      const v = evalExpr(b.x, ctx);
      if (typeof v !== "boolean") fail(`condition evaluated to a ${typeOf(v)}, not a bool`);
      return v;
    }
  }
}

/** Runs one statement on one context: the `where` clause, then the editor. Returns whether the editor ran. */
export function execute(s: Statement, ctx: TransformContext): boolean {
  if (s.where && !evalBool(s.where, ctx)) return false;
  const editor = EDITORS[s.editor];
  if (!editor) throw new OttlSyntaxError(`unknown editor ${s.editor}`);
  editor(s.args, ctx);
  return true;
}
