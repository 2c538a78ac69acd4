import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Field, TransformContext } from "./context";
import { OttlRuntimeError } from "./context";
import { evalBool, evalExpr, execute } from "./eval";
import { OttlSyntaxError, parseCondition, parseStatement } from "./parse";
import { compileRegexp, expand, findSubmatchIndex, replaceAllString } from "./re";
import { asString, type Value, type ValueMap } from "./values";

/** A context over a plain map of fields, so the language is tested apart from any signal. */
function ctx(fields: Record<string, Value>): TransformContext & { fields: Record<string, Value> } {
  return {
    fields,
    nondeterministic: false,
    field(names): Field {
      const key = names[names.length - 1];
      if (!(key in fields)) throw new OttlSyntaxError(`unknown path ${names.join(".")}`);
      return { get: () => fields[key], set: (v) => (fields[key] = v) };
    },
  };
}

const cond = (src: string, fields: Record<string, Value> = {}) => evalBool(parseCondition(src), ctx(fields));
const value = (src: string, fields: Record<string, Value> = {}) =>
  evalExpr(parseStatement(`set(x, ${src})`).args[1].value, ctx(fields));

describe("Go regexp through re2js", () => {
  const re = compileRegexp("(?P<word>[a-z]+)(\\d)?");

  it("Expand: $1x is the group named 1x (empty), ${1}x is group 1 then x, $$ is a literal $", () => {
    const src = "ab7";
    const match = findSubmatchIndex(re, src)!;
    expect(expand(re, "$1x", src, match)).toBe("");
    expect(expand(re, "${1}x", src, match)).toBe("abx");
    expect(expand(re, "$word-$2", src, match)).toBe("ab-7");
    expect(expand(re, "$$1", src, match)).toBe("$1");
    expect(expand(re, "${word", src, match)).toBe("${word");
    expect(expand(re, "$", src, match)).toBe("$");
    expect(expand(re, "$01", src, match)).toBe("");
  });

  it("ReplaceAll skips an empty match right after a previous match: baaac with a* → XbXcX", () => {
    expect(replaceAllString(compileRegexp("a*"), "baaac", "X")).toBe("XbXcX");
  });

  it("RE2 classes: \\s does not match \\v, . matches \\r; lookarounds and backreferences are rejected", () => {
    expect(cond(String.raw`IsMatch(x, "\\s")`, { x: "\v" })).toBe(false);
    expect(cond(`IsMatch(x, "^a.b$")`, { x: "a\rb" })).toBe(true);
    expect(
      () =>
        parseStatement(`replace_pattern(x, "(?=a)", "b")`) &&
        execute(parseStatement(`replace_pattern(x, "(?=a)", "b")`), ctx({ x: "a" })),
    ).toThrow(OttlSyntaxError);
    expect(() => compileRegexp("(a)\\1")).toThrow();
  });
});

describe("OTTL literals and escapes", () => {
  it("unquotes Go-style escapes, and rejects an escape Go does not know", () => {
    expect(value(String.raw`"a\\.b\"c\n"`)).toBe('a\\.b"c\n');
    expect(() => parseStatement(String.raw`set(x, "a\.b")`)).toThrow(OttlSyntaxError);
  });

  it("ints are BigInt (int64 above 2^53 preserved), floats are doubles, bytes literals are bytes", () => {
    expect(value("9007199254740993")).toBe(9007199254740993n);
    expect(value("-2")).toBe(-2n);
    expect(value("1.5")).toBe(1.5);
    expect(value("0xff01")).toEqual(Uint8Array.from([0xff, 0x01]));
  });

  it("an int64 above 2^53 survives a set and compares exactly", () => {
    const c = ctx({ x: 0n, y: 9223372036854775807n });
    execute(parseStatement("set(x, y)"), c);
    expect(c.fields.x).toBe(9223372036854775807n);
    expect(cond("y == 9223372036854775807", c.fields)).toBe(true);
    expect(cond("y == 9223372036854775806", c.fields)).toBe(false);
  });
});

describe("comparisons (LANGUAGE.md)", () => {
  it("no coercion between strings and numbers", () => {
    expect(cond(`x == 5`, { x: "5" })).toBe(false);
    expect(cond(`x != 5`, { x: "5" })).toBe(true);
    expect(cond(`x > 4`, { x: "5" })).toBe(false);
  });

  it("int and double compare numerically", () => {
    expect(cond("x == 200", { x: 200 })).toBe(true);
    expect(cond("x < 2.5", { x: 2n })).toBe(true);
  });

  it("nil equals only nil; orderings against nil are false", () => {
    expect(cond("x == nil", { x: null })).toBe(true);
    expect(cond("x != nil", { x: "" })).toBe(true);
    expect(cond("x < 1", { x: null })).toBe(false);
    expect(cond("x > 1", { x: null })).toBe(false);
  });

  it("not binds tightest, then and, then or; and short-circuits", () => {
    expect(cond("not true and false or true")).toBe(true);
    expect(cond("not (true and false)")).toBe(true);
    expect(cond("IsString(x) and Len(x) > 3", { x: 5n })).toBe(false);
    expect(() => cond("Len(x) > 3", { x: 5n })).toThrow(OttlRuntimeError);
  });

  it("math: int with int, integer division truncates, mixing or dividing by zero errors", () => {
    expect(value("7 / 2")).toBe(3n);
    expect(value("1.5 * 2.0")).toBe(3);
    expect(() => value("1 + 1.5")).toThrow(OttlRuntimeError);
    expect(() => value("1 / 0")).toThrow(OttlRuntimeError);
  });

  it("enums are ints", () => {
    expect(cond("x < SEVERITY_NUMBER_WARN", { x: 0n })).toBe(true);
    expect(cond("x == METRIC_DATA_TYPE_HISTOGRAM", { x: 3n })).toBe(true);
    expect(() => parseCondition("x == SEVERITY_NUMBER_LOUD")).toThrow(OttlSyntaxError);
  });
});

describe("converters", () => {
  it("ParseJSON: numbers become doubles, null an empty value, big ints lose precision as in Go's float64", () => {
    const v = value("ParseJSON(x)", { x: '{"n":200,"big":9007199254740993,"z":null,"l":[1,"a"]}' }) as ValueMap;
    expect(v.get("n")).toBe(200);
    expect(typeof v.get("n")).toBe("number");
    expect(v.get("big")).toBe(9007199254740992);
    expect(v.get("z")).toBeNull();
    expect(v.get("l")).toEqual([1, "a"]);
    expect(() => value("ParseJSON(x)", { x: null })).toThrow(OttlRuntimeError);
  });

  it("Len and Substring count UTF-8 bytes", () => {
    expect(value("Len(x)", { x: "héllo" })).toBe(6n);
    expect(value("Substring(x, 0, 3)", { x: "héllo" })).toBe("hé");
    expect(() => value("Substring(x, 4, 9)", { x: "héllo" })).toThrow(OttlRuntimeError);
  });

  it("SHA256 is lowercase hex of the UTF-8 bytes", () => {
    expect(value("SHA256(x)", { x: "abc" })).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("IsMatch: nil is false; ints, doubles and maps are stringified first", () => {
    expect(cond(`IsMatch(x, ".*")`, { x: null })).toBe(false);
    expect(cond(`IsMatch(x, "^3$")`, { x: 3n })).toBe(true);
    expect(cond(`IsMatch(x, "^200$")`, { x: 200 })).toBe(true);
    expect(cond(`IsMatch(x, "password")`, { x: new Map([["password", "x"]]) })).toBe(true);
    expect(
      asString(
        new Map<string, Value>([
          ["b", 1n],
          ["a", 1.5],
        ]),
      ),
    ).toBe('{"a":1.5,"b":1}');
  });

  it("Concat and ToLowerCase", () => {
    expect(value(`Concat([x, "b", 1], "-")`, { x: "A" })).toBe("A-b-1");
    expect(value("ToLowerCase(x)", { x: "ABC" })).toBe("abc");
  });
});

describe("statements", () => {
  it("replace_pattern leaves non-strings alone", () => {
    const c = ctx({ x: 5n });
    execute(parseStatement(`replace_pattern(x, "5", "6")`), c);
    expect(c.fields.x).toBe(5n);
  });

  it("a hash replacement substitutes every occurrence of the matched text", () => {
    const c = ctx({ x: "a1 a1" });
    execute(parseStatement(`replace_pattern(x, "^a1", "$0", SHA256)`), c);
    const h = createHash("sha256").update("a1").digest("hex");
    expect(c.fields.x).toBe(`${h} ${h}`);
  });

  it("an editor used as a value, an unknown function and a missing argument are syntax errors", () => {
    expect(() => parseStatement("set(x, set(y, 1))")).toThrow(OttlSyntaxError);
    expect(() => execute(parseStatement("frobnicate(x)"), ctx({ x: 1n }))).toThrow(OttlSyntaxError);
    expect(() => execute(parseStatement("set(x)"), ctx({ x: 1n }))).toThrow(OttlSyntaxError);
  });
});
