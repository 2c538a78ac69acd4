import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha3_256 } from "@noble/hashes/sha3.js";
import { compileRegexp, findAllSubmatchIndex, matchString, type GoRegexp } from "../ottl/re";
import { asString, hex, utf8, type ValueMap } from "../ottl/values";
import type { Item, LogRecord, ResourceItems, Span } from "./model";
import { ProcessorConfigError, stringList, type ProcessorImpl } from "./run";

/**
 * The redaction processor (redactionprocessor README): allowlist first (with `allow_all_keys: false` every key not
 * allowed is removed), then ignored keys pass untouched, then `blocked_key_patterns` mask whole values, then
 * `blocked_values` mask the matching parts unless an `allowed_values` pattern matches the value. Resource attributes,
 * item attributes, span event attributes and string log bodies are processed. `summary` adds `redaction.*` attributes.
 */
const MASK = "****";
const HASHES: Record<string, (b: Uint8Array) => Uint8Array> = { md5, sha1, sha3: sha3_256 };

type Config = {
  allowAll: boolean;
  allowed: Set<string>;
  ignored: Set<string>;
  blockedKeys: GoRegexp[];
  blockedValues: GoRegexp[];
  allowedValues: GoRegexp[];
  hash?: (s: string) => string;
  summary: "debug" | "info" | "silent";
  allTypes: boolean;
};

function regexps(v: unknown, what: string): GoRegexp[] {
  return stringList(v, what).map((s) => {
    try {
      return compileRegexp(s);
    } catch (err) {
      throw new ProcessorConfigError(`${what}: invalid regex ${JSON.stringify(s)}: ${(err as Error).message}`);
    }
  });
}

function config(c: Record<string, unknown>): Config {
  const hashName = c.hash_function as string | undefined;
  if (hashName !== undefined && !HASHES[hashName])
    throw new ProcessorConfigError(`unsupported hash_function ${hashName}`);
  const summary = (c.summary ?? "info") as Config["summary"];
  if (!["debug", "info", "silent"].includes(summary))
    throw new ProcessorConfigError(`invalid summary ${String(c.summary)}`);
  return {
    allowAll: c.allow_all_keys === true,
    allowed: new Set(stringList(c.allowed_keys, "allowed_keys")),
    ignored: new Set(stringList(c.ignored_keys, "ignored_keys")),
    blockedKeys: regexps(c.blocked_key_patterns, "blocked_key_patterns"),
    blockedValues: regexps(c.blocked_values, "blocked_values"),
    allowedValues: regexps(c.allowed_values, "allowed_values"),
    hash: hashName ? (s) => hex(HASHES[hashName](utf8(s))) : undefined,
    summary,
    allTypes: c.redact_all_types === true,
  };
}

/** Replaces every match of `re` in `s` by the mask (or the hash of the matched text). */
function maskMatches(cfg: Config, re: GoRegexp, s: string): string {
  let out = "";
  let last = 0;
  for (const m of findAllSubmatchIndex(re, s)) {
    out += s.slice(last, m[0]) + (cfg.hash ? cfg.hash(s.slice(m[0], m[1])) : MASK);
    last = m[1];
  }
  return out + s.slice(last);
}

/** Redacts one string; returns it unchanged when nothing applies. */
function redactValue(cfg: Config, s: string): string {
  if (cfg.allowedValues.some((re) => matchString(re, s))) return s;
  let out = s;
  for (const re of cfg.blockedValues) if (matchString(re, out)) out = maskMatches(cfg, re, out);
  return out;
}

function redactMap(cfg: Config, m: ValueMap): void {
  const redacted: string[] = [];
  const masked: string[] = [];
  const ignored: string[] = [];
  for (const [k, v] of [...m]) {
    if (!cfg.allowAll && !cfg.allowed.has(k)) {
      m.delete(k);
      redacted.push(k);
      continue;
    }
    if (cfg.ignored.has(k)) {
      ignored.push(k);
      continue;
    }
    if (typeof v !== "string" && !cfg.allTypes) continue;
    const s = asString(v);
    if (cfg.blockedKeys.some((re) => matchString(re, k))) {
      m.set(k, cfg.hash ? cfg.hash(s) : MASK);
      masked.push(k);
      continue;
    }
    const out = redactValue(cfg, s);
    if (out !== s) {
      m.set(k, out);
      masked.push(k);
    }
  }
  if (cfg.summary === "silent") return;
  const note = (kind: string, keys: string[]) => {
    if (!keys.length) return;
    if (cfg.summary === "debug") m.set(`redaction.${kind}.keys`, [...keys].sort().join(","));
    m.set(`redaction.${kind}.count`, BigInt(keys.length));
  };
  note("redacted", redacted);
  note("masked", masked);
  note("ignored", ignored);
}

export const runRedaction: ProcessorImpl = (batch, processor) => {
  const cfg = config(processor.config);
  for (const r of batch.resources as ResourceItems<Item>[]) {
    redactMap(cfg, r.resource.attributes);
    for (const s of r.scopes)
      for (const item of s.items) {
        if (batch.signal === "metrics") {
          for (const p of (item as { dataPoints: { attributes: ValueMap }[] }).dataPoints) redactMap(cfg, p.attributes);
          continue;
        }
        redactMap(cfg, (item as LogRecord | Span).attributes);
        if (batch.signal === "traces") for (const e of (item as Span).events) redactMap(cfg, e.attributes);
        const log = item as LogRecord;
        if (batch.signal === "logs" && typeof log.body === "string") log.body = redactValue(cfg, log.body);
      }
  }
};
