import { re2Error } from "../transforms/regex";
import { checkEnum, checkKnownKeys, checkStringList, isTemplated, type Cfg } from "./checks";
import type { Path, Report } from "./report";

const REDACTION_KEYS = [
  "allow_all_keys",
  "allowed_keys",
  "ignored_keys",
  "blocked_key_patterns",
  "blocked_values",
  "allowed_values",
  "hash_function",
  "summary",
  "redact_all_types",
  "url_sanitizer",
  "db_sanitizer",
];

/** redaction at v0.136.0: its regex lists must compile as RE2, and an empty allow-list removes every attribute. */
export function checkRedactionProcessor(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, REDACTION_KEYS, at, r, "the redaction processor");
  checkEnum(cfg, "hash_function", ["md5", "sha1", "sha3"], at, r);
  checkEnum(cfg, "summary", ["debug", "info", "silent"], at, r);
  for (const key of ["allow_all_keys", "redact_all_types"]) {
    if (cfg[key] !== undefined && cfg[key] !== null && typeof cfg[key] !== "boolean" && !isTemplated(cfg[key])) {
      r.error([...at, key], `${key} must be true or false, got ${JSON.stringify(cfg[key])}`);
    }
  }
  const allowed = checkStringList(cfg, "allowed_keys", at, r);
  checkStringList(cfg, "ignored_keys", at, r);
  for (const key of ["blocked_key_patterns", "blocked_values", "allowed_values"]) {
    checkStringList(cfg, key, at, r).forEach((pattern, i) => {
      const problem = isTemplated(pattern) ? null : re2Error(pattern.replace(/\$\$/g, "$"));
      if (problem) r.error([...at, key, i], `${key}[${i}] is not a valid RE2 regex: ${problem}`);
    });
  }
  if (cfg.allow_all_keys !== true && allowed.length === 0) {
    r.warn(
      at,
      "allow_all_keys is not true and allowed_keys is empty, so the redaction processor removes every attribute; set allow_all_keys: true to only mask values",
      "key",
    );
  }
  if (cfg.summary === undefined || cfg.summary === "debug") {
    r.warn(
      at,
      "summary defaults to adding redaction.* attributes (debug lists the redacted key names); set summary: silent unless you are testing",
      "key",
    );
  }
}
