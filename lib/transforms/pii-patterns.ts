import { RE2JS } from "re2js";

/**
 * Built-in PII patterns, written once for both engines: every source here compiles and matches the same in Go's
 * RE2 (the collector's regexp, so a transform step can reuse it) and in JavaScript's RegExp. That rules out
 * lookaround, backreferences and inline flags; case-insensitive words are spelled as character classes.
 * Convention: when a pattern has a capture group 1, that group is kept and only the rest of the match is masked
 * (OTTL replacement `$${1}****`), so `Bearer ****` and `api_key=****` stay readable.
 */
export const PII_KINDS = ["email", "ipv4", "ipv6", "credit_card", "bearer_token", "api_key"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export const PII_MASK = "****";

/** `[Aa][Pp][Ii]`: a case-insensitive word without the `(?i)` flag JavaScript lacks. */
const ci = (word: string) => word.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);

const H = "[0-9A-Fa-f]{1,4}";
const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;

/**
 * IPv6: full and `::`-compressed forms. Both engines take the first alternative that matches (leftmost-first), so
 * forms with more groups after `::` come first. Every form needs 8 groups or a `::`, so clock times (`10:15:30`)
 * and MAC addresses never match; `\B` before a leading `::` keeps `std::vector` out.
 */
const IPV6 = [
  `\\b(?:(?:${H}:){7}${H}`,
  `${H}:(?::${H}){1,6}`,
  `(?:${H}:){2}(?::${H}){1,5}`,
  `(?:${H}:){3}(?::${H}){1,4}`,
  `(?:${H}:){4}(?::${H}){1,3}`,
  `(?:${H}:){5}(?::${H}){1,2}`,
  `(?:${H}:){6}:${H})\\b`,
  `\\b(?:${H}:){2,7}:`,
  `\\B::(?:(?:[Ff]{4}(?::0{1,4})?:)?${IPV4}\\b|${H}(?::${H}){0,6}\\b)`,
].join("|");

/** Card-shaped digit runs with an issuer prefix (4, 5x, 2x, 3x, 6x): plain 13–19 digits, or 4-4-4-4(-3) / Amex 4-6-5 groups. */
const CARD = [
  `\\b(?:4[0-9]{12,18}|(?:5[1-5]|2[2-7]|3[0-9]|6[0-9])[0-9]{11,17})\\b`,
  `\\b(?:4[0-9]{3}|5[1-5][0-9]{2}|2[2-7][0-9]{2}|3[0-9]{3}|6[0-9]{3})(?:[ -][0-9]{4}){3}(?:[ -][0-9]{3})?\\b`,
  `\\b3[47][0-9]{2}[ -][0-9]{6}[ -][0-9]{5}\\b`,
].join("|");

const SECRET_KEYS = [
  "api_key",
  "api-key",
  "apikey",
  "x-api-key",
  "access_token",
  "access-token",
  "auth_token",
  "client_secret",
  "secret",
  "password",
  "passwd",
];
/** A secret-looking key, an optional quote, `:` or `=`, then the value (masked). */
const KEYED_SECRET = `((?:${SECRET_KEYS.map(ci).join("|")})["']?[ \\t]*[:=][ \\t]*["']?)[^\\s"',;&]{6,}`;
/** Well-known token shapes: Stripe, GitHub, AWS access key ids, Slack, FlowGate API keys, JWTs. */
const TOKEN_SHAPES = [
  `\\b[sprk]k_(?:live|test)_[A-Za-z0-9]{16,}`,
  `\\bgh[pousr]_[A-Za-z0-9]{36,}`,
  `\\bAKIA[0-9A-Z]{16}\\b`,
  `\\bxox[abpr]-[A-Za-z0-9-]{10,}`,
  `\\bfgk_[A-Za-z0-9_-]{20,}`,
  `\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}`,
].join("|");

export type PiiPattern = { kind: PiiKind; source: string; description: string };

export const PII_PATTERNS: Record<PiiKind, PiiPattern> = {
  email: {
    kind: "email",
    description: "e-mail addresses",
    source: "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}\\b",
  },
  ipv4: { kind: "ipv4", description: "IPv4 addresses", source: `\\b${IPV4}\\b` },
  ipv6: { kind: "ipv6", description: "IPv6 addresses", source: IPV6 },
  credit_card: { kind: "credit_card", description: "payment card numbers (masked only when Luhn-valid)", source: CARD },
  bearer_token: {
    kind: "bearer_token",
    description: "Bearer tokens in Authorization values",
    source: `(\\b${ci("bearer")}[ \\t]+)[A-Za-z0-9._~+/=-]{8,}`,
  },
  api_key: {
    kind: "api_key",
    description: "secrets after api_key=, password:, … and well-known key formats",
    source: `${KEYED_SECRET}|${TOKEN_SHAPES}`,
  },
};

/** The Luhn checksum over the digits of `s` (separators ignored). */
export function isLuhnValid(s: string): boolean {
  const digits = s.replace(/[^0-9]/g, "");
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Why a custom pattern cannot be used, or null when it is fine (RE2 syntax, and it must not match ""). */
export function customPatternProblem(source: string): string | null {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (err) {
    return `not a valid RE2 regular expression (${(err as Error).message}); lookaround and backreferences are not supported`;
  }
  if (re.matcher("").find()) return "matches the empty string, which would mask between every character";
  return null;
}

export type PiiRules = { builtins: PiiKind[]; custom: Array<{ name: string; pattern: string }> };
type CompiledRule = { re: RE2JS; keepGroup: boolean; accept?: (match: string) => boolean };

/** Compiled once per rule set; masking runs on RE2JS so custom patterns behave as they would in the collector. */
export type PiiMasker = (text: string) => string;

/** Application order: secrets and addresses that contain other kinds' text first (`::ffff:192.0.2.1` is one IPv6). */
const ORDER: PiiKind[] = ["bearer_token", "api_key", "email", "credit_card", "ipv6", "ipv4"];

export function compilePiiRules(rules: PiiRules): PiiMasker {
  const compiled: CompiledRule[] = [
    ...ORDER.filter((kind) => rules.builtins.includes(kind)).map((kind) => {
      const re = RE2JS.compile(PII_PATTERNS[kind].source);
      return { re, keepGroup: re.groupCount() > 0, accept: kind === "credit_card" ? isLuhnValid : undefined };
    }),
    ...rules.custom.map((c) => ({ re: RE2JS.compile(c.pattern), keepGroup: false })),
  ];
  if (compiled.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const rule of compiled) {
      if (!rule.re.test(out)) continue;
      out = rule.re.matcher(out).replaceAll((match: string, ...rest: unknown[]) => {
        if (rule.accept && !rule.accept(match)) return match;
        const kept = rule.keepGroup && typeof rest[0] === "string" ? rest[0] : "";
        return kept + PII_MASK;
      });
    }
    return out;
  };
}
