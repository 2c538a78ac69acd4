import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { BUILTIN_REGEX } from "./builtin-patterns";
import { checkRegex, globToRegex, quoteRegex, toJsRegExp, toRe2Source } from "./regex";

/** Each pattern is refused in a match with exactly this message. */
const refusesWith = (cases: [string, string][]) =>
  it.each(cases)("%s", (pattern, message) => {
    expect(checkRegex(pattern, "match")).toBe(message);
  });

describe("RE2 guard: what the collector's RE2 refuses", () => {
  refusesWith([
    ["a(?=b)", "lookahead (?= is not supported by the collector's RE2"],
    ["a(?!b)", "negative lookahead (?! is not supported by the collector's RE2"],
    ["(?<=a)b", "lookbehind (?<= is not supported by the collector's RE2"],
    ["(?<!a)b", "negative lookbehind (?<! is not supported by the collector's RE2"],
    ["(?>ab)", "atomic groups (?> are not supported by the collector's RE2"],
    ["(a)\\1", "backreference \\1 is not supported by the collector's RE2"],
    ["a++", "possessive quantifiers (*+, ++, ?+) are not supported by the collector's RE2"],
    ["a{1001}", "invalid repeat count: `{1001}` (RE2 allows counts up to 1000, minimum not above maximum)"],
    [
      "(?P<git.sha>\\w+)",
      'group name "git.sha" is not allowed: use letters, digits and _ only (extract, then rename with a separate step)',
    ],
    [
      "(?P<a-b>x)",
      'group name "a-b" is not allowed: use letters, digits and _ only (extract, then rename with a separate step)',
    ],
    ["[a", "missing closing ]: `[a`"],
    ["\\Z", "invalid escape sequence: `\\Z`"],
    ["", "the pattern is empty"],
    ["a\tb", "write control characters as escapes (\\t, \\n) instead of typing them raw"],
  ]);

  it("accepts a count of exactly 1000", () => {
    expect(checkRegex("a{1000}", "match")).toBeNull();
  });
});

describe("RE2 guard: what JavaScript would read differently", () => {
  refusesWith([
    ["a(?i)b", "inline flags (?i) are only supported at the very start of the pattern, as (?i), (?s) or (?m)"],
    ["(?i:a)b", "inline flags (?i: are only supported at the very start of the pattern, as (?i), (?s) or (?m)"],
    ["(?U)a+", "the (?U) ungreedy flag reads differently in JavaScript; write lazy quantifiers (*?, +?) instead"],
    ["\\Afoo", "\\A is read differently by JavaScript; use ^ or $ (without the m flag) instead"],
    ["foo\\z", "\\z is read differently by JavaScript; use ^ or $ (without the m flag) instead"],
    ["\\Qa.b\\E", "\\Q…\\E quoting is read differently by JavaScript; escape each special character with \\ instead"],
    [
      "[[:alpha:]]+",
      "POSIX class in [[:alpha:]] is read differently by JavaScript; use a range such as [A-Za-z] instead",
    ],
    ["\\pL+", "\\pL is read differently by JavaScript; write \\p{L} instead"],
    [
      "\\x{41}",
      "\\x{41} is read differently by JavaScript; write \\x followed by two hex digits, or the character itself",
    ],
    [
      "\\p{Greek}",
      "RE2 accepts it but the preview's JavaScript engine does not: Invalid regular expression: /\\p{Greek}/u: Invalid property name",
    ],
  ]);

  it("accepts a leading flag group and maps it to JS flags", () => {
    expect(checkRegex("(?i)^error$", "match")).toBeNull();
    expect(toJsRegExp("(?is)a.b").flags).toBe("isu");
    expect(toJsRegExp("(?i)^ERR$").test("err")).toBe(true);
  });

  it("rewrites (?P<name> for JS and keeps it for Go", () => {
    expect(toJsRegExp("(?P<code>\\d+)").exec("x 42")?.groups).toEqual({ code: "42" });
    expect(toRe2Source("(?<code>\\d+)")).toBe("(?P<code>\\d+)");
  });

  it("accepts RE2's escaped punctuation (the README's password\\= example), which JS writes as \\xHH", () => {
    expect(checkRegex("password\\=[^\\s]*(\\s?)", "replace")).toBeNull();
    expect(toJsRegExp("password\\=[^\\s]*(\\s?)").exec("app --password=hunter2 --verbose")?.[0]).toBe(
      "password=hunter2 ",
    );
    expect(toJsRegExp("[a\\-z]").test("-")).toBe(true);
    expect(toJsRegExp("[a\\-z]").test("b")).toBe(false);
    expect(toJsRegExp("\\#\\ \\_").test("# _")).toBe(true);
  });

  it("refuses octal escapes, which JS reads as backreferences or NUL", () => {
    const message = "octal escapes are read differently by JavaScript; write \\x followed by two hex digits instead";
    expect(checkRegex("\\123", "match")).toBe(message);
    expect(checkRegex("\\0", "match")).toBe(message);
  });

  it("spells out RE2's \\s and . so JS matches what the collector matches", () => {
    expect(toJsRegExp("a\\sb").test("a\vb")).toBe(false);
    expect(toJsRegExp("a\\sb").test("a\u00a0b")).toBe(false);
    expect(toJsRegExp("a.b").test("a\rb")).toBe(true);
    expect(toJsRegExp("a.b").test("a\nb")).toBe(false);
    expect(toJsRegExp("(?s)a.b").test("a\nb")).toBe(true);
  });
});

describe("RE2 guard: rules of the statement a regex goes into", () => {
  it("refuses patterns that can match an empty string in replace/redact steps", () => {
    const message =
      "the pattern can match an empty string (for example x* or a|): require at least one character, such as x+";
    for (const p of ["a*", "a|", "^$", "\\b", "(?:x)?", "^\\s*$"]) expect(checkRegex(p, "replace"), p).toBe(message);
    for (const p of ["a+", "\\bfoo\\b", "^x*y"]) expect(checkRegex(p, "replace"), p).toBeNull();
    expect(checkRegex("a*", "match")).toBeNull();
    expect(checkRegex(".*", "key")).toBe(
      "the pattern can match an empty string, so it matches every key: require at least one character",
    );
    expect(checkRegex("(?i)token", "key")).toBeNull();
  });

  it("requires a named group for extraction", () => {
    expect(checkRegex("^(\\w+) (\\S+)", "extract")).toBe(
      "add at least one named group, such as (?P<status>\\d+): the collector refuses a pattern without one",
    );
    expect(checkRegex("^(?P<method>\\w+) (?P<path>\\S+)", "extract")).toBeNull();
    expect(checkRegex("^(?<method>\\w+)", "extract")).toBeNull();
  });
});

describe("globs and literals", () => {
  it("compiles a metric-name glob to an anchored, escaped regex", () => {
    expect(globToRegex("http.server.*")).toBe("^http\\.server\\..*$");
    expect(globToRegex("k8s.pod.?pu")).toBe("^k8s\\.pod\\..pu$");
    expect(globToRegex("a+b(c)[d]{e}|f$^\\")).toBe("^a\\+b\\(c\\)\\[d\\]\\{e\\}\\|f\\$\\^\\\\$");
    const re = RE2JS.compile(globToRegex("system.cpu.*"));
    expect(re.matches("system.cpu.time")).toBe(true);
    expect(re.test("process.system.cpu.time")).toBe(false);
    expect(re.test("systemXcpu.time")).toBe(false);
  });

  it("quotes like Go's QuoteMeta", () => {
    expect(quoteRegex("a.b*c")).toBe("a\\.b\\*c");
  });
});

/** Each built-in against what it must hit and a negative corpus of look-alikes (§5 risk 7), in RE2 and in JS. */
describe("built-in redaction patterns", () => {
  const cases: Record<keyof typeof BUILTIN_REGEX, { hit: string[]; miss: string[] }> = {
    email: { hit: ["mail jane.doe+x@example.co.uk now", "a@b.io"], miss: ["user@localhost", "@handle", "a@b"] },
    ipv4: { hit: ["from 10.0.0.1:443", "192.168.255.254"], miss: ["999.1.1.1", "1.2.3", "v10.20.30"] },
    ipv6: {
      hit: ["2001:db8::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"],
      miss: ["at 10:15:30", "aa:bb:cc:dd:ee:ff", "std::vector"],
    },
    credit_card: {
      hit: ["card 4111111111111111 ok", "4111 1111 1111 1111", "5500-0000-0000-0004"],
      miss: ["ts 1700000000000000000", "+1 555-123-4567", "order 123456789012"],
    },
    bearer_token: {
      hit: ["Authorization: Bearer eyJhbGciOi.J9.abc-_~+/=", "bearer abc123def456"],
      miss: ["bearer", "the bearer of news"],
    },
    api_key: {
      hit: ["api_key=abcd1234efgh", 'X-API-Key: "0123456789abcdef"', "secret: s3cr3tvalue99"],
      miss: ["apikey: short", "api key is missing"],
    },
  };
  for (const [name, { hit, miss }] of Object.entries(cases)) {
    it(name, () => {
      const pattern = BUILTIN_REGEX[name as keyof typeof BUILTIN_REGEX];
      expect(checkRegex(pattern, "replace")).toBeNull();
      const re2 = RE2JS.compile(pattern);
      const js = toJsRegExp(pattern);
      for (const s of hit) expect([re2.test(s), js.test(s)], `${name} should hit ${s}`).toEqual([true, true]);
      for (const s of miss) expect([re2.test(s), js.test(s)], `${name} should miss ${s}`).toEqual([false, false]);
    });
  }
});
