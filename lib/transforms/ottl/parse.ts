import type { Arg, BoolExpr, CmpOp, Expr, Key, Statement } from "./ast";
import { ENUMS } from "./enums";
import { fromHex } from "./values";

/** A statement or condition OTTL would reject when the collector starts (a config error, not a per-record one). */
export class OttlSyntaxError extends Error {}

type Tok = { t: "str" | "int" | "float" | "bytes" | "ident" | "op" | "eof"; v: string; at: number };
type MathOp = Extract<Expr, { k: "math" }>["op"];

const OPS = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", "{", "}", ",", ".", ":", "="];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const space = /^\s+/.exec(src.slice(i));
    if (space) {
      i += space[0].length;
      continue;
    }
    const at = i;
    const c = src[i];
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
      if (j >= src.length) throw new OttlSyntaxError(`unterminated string at ${at}`);
      toks.push({ t: "str", v: unquote(src.slice(i + 1, j), at), at });
      i = j + 1;
      continue;
    }
    const bytes = /^0x[0-9a-fA-F]+/.exec(src.slice(i));
    if (bytes) {
      toks.push({ t: "bytes", v: bytes[0].slice(2), at });
      i += bytes[0].length;
      continue;
    }
    const num = /^(?:\d*\.\d+(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num) {
      toks.push({ t: /[.eE]/.test(num[0]) ? "float" : "int", v: num[0], at });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      toks.push({ t: "ident", v: id[0], at });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new OttlSyntaxError(`unexpected character ${JSON.stringify(c)} at ${at}`);
    toks.push({ t: "op", v: op, at });
    i += op.length;
  }
  toks.push({ t: "eof", v: "", at: src.length });
  return toks;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
};

/** Go `strconv.Unquote` for a double-quoted literal: an unknown escape such as `\.` is a parse error, as in OTTL. */
function unquote(body: string, at: number): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") {
      out += body[i];
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const h = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h))
        throw new OttlSyntaxError(`invalid \\${e} escape in string at ${at}`);
      out += String.fromCodePoint(parseInt(h, 16));
      i += n;
    } else if (e >= "0" && e <= "7") {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o)) throw new OttlSyntaxError(`invalid octal escape in string at ${at}`);
      out += String.fromCharCode(parseInt(o, 8));
      i += 2;
    } else throw new OttlSyntaxError(`invalid escape \\${e} in string at ${at} (write \\\\${e} for a regex escape)`);
  }
  return out;
}

/** Names that are function references when written without parentheses (optional hash function arguments). */
const FUNCTION_REFS = new Set(["SHA1", "SHA256", "SHA512", "MD5", "FNV", "Murmur3Hash", "XXH3", "XXH128"]);

class Parser {
  private i = 0;
  constructor(
    private toks: Tok[],
    private src: string,
  ) {}

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private next(): Tok {
    return this.toks[this.i++];
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === "op" && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === "ident" && t.v === v;
  }
  private expectOp(v: string): void {
    const t = this.next();
    if (t.t !== "op" || t.v !== v) this.fail(`expected "${v}"`, t);
  }
  fail(msg: string, t: Tok = this.peek()): never {
    throw new OttlSyntaxError(`${msg} at position ${t.at} of ${JSON.stringify(this.src)}`);
  }
  done(): void {
    if (this.peek().t !== "eof") this.fail(`unexpected "${this.peek().v}"`);
  }

  statement(): Statement {
    const ed = this.next();
    if (ed.t !== "ident" || !/^[a-z]/.test(ed.v))
      this.fail("a statement starts with an editor (a lowercase function)", ed);
    this.expectOp("(");
    const args = this.args();
    let where: BoolExpr | undefined;
    if (this.isWord("where")) {
      this.next();
      where = this.boolExpr();
    }
    this.done();
    return { text: this.src, editor: ed.v, args, where };
  }

  private args(): Arg[] {
    const args: Arg[] = [];
    if (this.isOp(")")) {
      this.next();
      return args;
    }
    for (;;) {
      let name: string | undefined;
      if (this.peek().t === "ident" && this.isOp("=", 1)) {
        name = this.next().v;
        this.next();
      }
      args.push({ name, value: this.value() });
      if (this.isOp(",")) {
        this.next();
        continue;
      }
      this.expectOp(")");
      return args;
    }
  }

  boolExpr(): BoolExpr {
    return this.joined("or", () => this.andExpr());
  }

  private andExpr(): BoolExpr {
    return this.joined("and", () => this.notExpr());
  }

  /** `operand (word operand)*` as one n-ary node; a single operand stands alone. */
  private joined(word: "or" | "and", operand: () => BoolExpr): BoolExpr {
    const items = [operand()];
    while (this.isWord(word)) {
      this.next();
      items.push(operand());
    }
    return items.length === 1 ? items[0] : { k: word, items };
  }

  private notExpr(): BoolExpr {
    if (this.isWord("not")) {
      this.next();
      return { k: "not", x: this.notExpr() };
    }
    if (this.isOp("(")) {
      // Either a parenthesised boolean expression or a math expression that starts a comparison.
      const save = this.i;
      try {
        this.next();
        const inner = this.boolExpr();
        this.expectOp(")");
        if (!this.atComparisonOrMath()) return inner;
      } catch (err) {
        if (!(err instanceof OttlSyntaxError)) throw err;
      }
      this.i = save;
    }
    const l = this.value();
    const t = this.peek();
    if (t.t === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(t.v)) {
      this.next();
      return { k: "cmp", op: t.v as CmpOp, l, r: this.value() };
    }
    return { k: "term", x: l };
  }

  private atComparisonOrMath(): boolean {
    const t = this.peek();
    return t.t === "op" && ["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"].includes(t.v);
  }

  value(): Expr {
    return this.leftAssociative(["+", "-"], () => this.factor());
  }

  private factor(): Expr {
    return this.leftAssociative(["*", "/"], () => this.primary());
  }

  /** `operand (op operand)*`, grouped from the left: one precedence level of math. */
  private leftAssociative(ops: MathOp[], operand: () => Expr): Expr {
    let l = operand();
    while (ops.some((o) => this.isOp(o))) {
      const op = this.next().v as MathOp;
      l = { k: "math", op, l, r: operand() };
    }
    return l;
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case "str":
        return { k: "lit", v: t.v };
      case "int":
        return { k: "lit", v: BigInt(t.v) };
      case "float":
        return { k: "lit", v: Number(t.v) };
      case "bytes":
        return { k: "lit", v: fromHex(t.v.length % 2 ? `0${t.v}` : t.v) };
      case "op":
        if (t.v === "-" || t.v === "+") {
          const n = this.next();
          if (n.t === "int") return { k: "lit", v: BigInt(t.v + n.v) };
          if (n.t === "float") return { k: "lit", v: Number(t.v + n.v) };
          this.fail("expected a number after a sign", n);
        }
        if (t.v === "(") {
          const inner = this.value();
          this.expectOp(")");
          return inner;
        }
        if (t.v === "[") {
          const items: Expr[] = [];
          while (!this.isOp("]")) {
            items.push(this.value());
            if (!this.isOp("]")) this.expectOp(",");
          }
          this.next();
          return { k: "list", items };
        }
        if (t.v === "{") {
          const entries: [string, Expr][] = [];
          while (!this.isOp("}")) {
            const key = this.next();
            if (key.t !== "str") this.fail("map keys are strings", key);
            this.expectOp(":");
            entries.push([key.v, this.value()]);
            if (!this.isOp("}")) this.expectOp(",");
          }
          this.next();
          return { k: "map", entries };
        }
        return this.fail(`unexpected "${t.v}"`, t);
      case "ident":
        return this.identExpr(t);
      default:
        return this.fail("unexpected end of input", t);
    }
  }

  private identExpr(t: Tok): Expr {
    if (t.v === "true" || t.v === "false") return { k: "lit", v: t.v === "true" };
    if (t.v === "nil") return { k: "lit", v: null };
    if (this.isOp("(")) {
      if (!/^[A-Z]/.test(t.v)) this.fail(`editor ${t.v} cannot be used as a value; converters are Capitalized`, t);
      this.next();
      const args = this.args();
      return { k: "call", name: t.v, args, keys: this.keys() };
    }
    if (/^[A-Z]/.test(t.v) && !this.isOp(".") && !this.isOp("[")) {
      if (FUNCTION_REFS.has(t.v)) return { k: "funcref", name: t.v };
      const v = ENUMS[t.v];
      if (v === undefined) this.fail(`unknown enum ${t.v}`, t);
      return { k: "enum", name: t.v, v };
    }
    const names = [t.v];
    while (this.isOp(".")) {
      this.next();
      const n = this.next();
      if (n.t !== "ident") this.fail("expected a field name after '.'", n);
      names.push(n.v);
    }
    const keys = this.keys();
    return { k: "path", names, keys, text: this.src.slice(t.at, this.peek().at).trim() };
  }

  private keys(): Key[] {
    const keys: Key[] = [];
    while (this.isOp("[")) {
      this.next();
      const k = this.next();
      if (k.t === "str") keys.push(k.v);
      else if (k.t === "int") keys.push(BigInt(k.v));
      else this.fail("an index is a string or an integer literal", k);
      this.expectOp("]");
    }
    return keys;
  }
}

const statements = new Map<string, Statement>();
const conditions = new Map<string, BoolExpr>();

/** Parses one OTTL statement (`editor(args) where condition`); cached, since previews re-run the same text. */
export function parseStatement(src: string): Statement {
  let s = statements.get(src);
  if (!s) {
    s = new Parser(lex(src), src).statement();
    statements.set(src, s);
  }
  return s;
}

/** Parses one OTTL condition (a filter processor condition or a transform group condition). */
export function parseCondition(src: string): BoolExpr {
  let c = conditions.get(src);
  if (!c) {
    const p = new Parser(lex(src), src);
    c = p.boolExpr();
    p.done();
    conditions.set(src, c);
  }
  return c;
}
