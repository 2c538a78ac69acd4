import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import {
  compilePiiRules,
  customPatternProblem,
  isLuhnValid,
  PII_KINDS,
  PII_MASK,
  PII_PATTERNS,
  type PiiKind,
} from "./pii-patterns";

/** Text that must be masked, per kind: [input, expected output with only that kind on]. */
const POSITIVE: Record<PiiKind, Array<[string, string]>> = {
  email: [
    ["user bob.smith+tag@example.co.uk logged in", "user **** logged in"],
    ["to=<a_b@sub.example.org>", "to=<****>"],
  ],
  ipv4: [
    ["client 192.168.1.10 connected", "client **** connected"],
    ["from=10.0.0.1:8080", "from=****:8080"],
    ["255.255.255.255", "****"],
  ],
  ipv6: [
    ["peer 2001:db8::1 closed", "peer **** closed"],
    ["fe80::1ff:fe23:4567:890a%eth0", "****%eth0"],
    ["2001:0db8:85a3:0000:0000:8a2e:0370:7334", "****"],
    ["[::1]:443", "[****]:443"],
    ["mapped ::ffff:192.0.2.1 here", "mapped **** here"],
    ["prefix 2001:db8:: routed", "prefix **** routed"],
  ],
  credit_card: [
    ["paid with 4111 1111 1111 1111 today", "paid with **** today"],
    ["card=4111111111111111", "card=****"],
    ["mc 5500-0000-0000-0004", "mc ****"],
    ["amex 3782 822463 10005", "amex ****"],
  ],
  bearer_token: [
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc", "Authorization: Bearer ****"],
    ["authorization=bearer abcdefgh12345678", "authorization=bearer ****"],
  ],
  api_key: [
    ["api_key=abcdef123456&x=1", "api_key=****&x=1"],
    ['{"password": "hunter22", "user": "x"}', '{"password": "****", "user": "x"}'],
    ["X-API-Key: 0123456789abcdef", "X-API-Key: ****"],
    ["token ghp_abcdefghijklmnopqrstuvwxyz0123456789ab end", "token **** end"],
    ["aws AKIAIOSFODNN7EXAMPLE key", "aws **** key"],
    ["key fgk_AbCdEfGhIjKlMnOpQrStUvWx", "key ****"],
  ],
};

/** Text no built-in may touch: times, timestamps, versions, ids and code that look a little like PII. */
const NEGATIVE = [
  "at 10:15:30 the job ran",
  "10:15:30.123456",
  "2026-12-01T10:15:30.123Z",
  "time_unix_nano=1763900000000000000",
  "observed 1763900000123456789 ns",
  "epoch ms 1763900000000",
  "version 1.22.3",
  "otelcol-contrib v0.136.0",
  "release 2.0.0-rc.1+build.5",
  "std::vector<int> and Foo::Bar::baz",
  "mac 00:1a:2b:3c:4d:5e",
  "card 4111111111111112 fails Luhn",
  "order 1234567890123456 has no card prefix",
  "phone +1 555 123 4567",
  "password_policy=strict and secret=abc",
  "user@localhost",
  "trace 5b8efff798038103d269b633813fc60c span eee19b7ec3c1b174",
  "bearer of bad news",
  "ratio 3:2:1 and 12:00",
];

const all = compilePiiRules({ builtins: [...PII_KINDS], custom: [] });

describe("built-in PII patterns", () => {
  for (const kind of PII_KINDS) {
    it(`masks ${kind}`, () => {
      const only = compilePiiRules({ builtins: [kind], custom: [] });
      for (const [input, expected] of POSITIVE[kind]) expect(only(input), input).toBe(expected);
    });
  }

  it("leaves clock times, nanosecond timestamps, versions and look-alikes alone", () => {
    for (const text of NEGATIVE) expect(all(text), text).toBe(text);
  });

  it("masks several kinds in one text", () => {
    expect(all("bob@example.com from 10.1.2.3 paid 4111-1111-1111-1111 at 10:15:30")).toBe(
      `${PII_MASK} from ${PII_MASK} paid ${PII_MASK} at 10:15:30`,
    );
  });

  it("match the same text in RE2 (re2js, Go's engine) and in JavaScript RegExp", () => {
    const corpus = [
      ...Object.values(POSITIVE)
        .flat()
        .map(([s]) => s),
      ...NEGATIVE,
    ];
    for (const kind of PII_KINDS) {
      const js = new RegExp(PII_PATTERNS[kind].source, "g");
      const re2 = RE2JS.compile(PII_PATTERNS[kind].source);
      for (const text of corpus) {
        const jsMatches = [...text.matchAll(js)].map((m) => [m.index, m[0]]);
        const re2Matches: Array<[number, string]> = [];
        const m = re2.matcher(text);
        while (m.find()) re2Matches.push([m.start(), m.group()!]);
        expect(re2Matches, `${kind} on ${text}`).toEqual(jsMatches);
      }
    }
  });

  it("checks card numbers with Luhn", () => {
    expect(isLuhnValid("4111 1111 1111 1111")).toBe(true);
    expect(isLuhnValid("4111 1111 1111 1112")).toBe(false);
    expect(isLuhnValid("1234")).toBe(false);
  });
});

describe("custom patterns", () => {
  it("mask the whole match and run with RE2 semantics (inline flags work)", () => {
    const mask = compilePiiRules({ builtins: [], custom: [{ name: "employee", pattern: "(?i)emp-[0-9]{5}" }] });
    expect(mask("EMP-12345 and emp-54321")).toBe("**** and ****");
  });

  it("are refused when not RE2 or when they match the empty string", () => {
    expect(customPatternProblem("(?=x)abc")).toMatch(/not a valid RE2/);
    expect(customPatternProblem("(a)\\1")).toMatch(/not a valid RE2/);
    expect(customPatternProblem("x*")).toMatch(/empty string/);
    expect(customPatternProblem("emp-[0-9]+")).toBeNull();
  });
});
