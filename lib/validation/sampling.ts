import { checkEnum, checkInt, checkKnownKeys, isTemplated, type Cfg } from "./checks";
import type { Path, Report } from "./report";

const SAMPLER_KEYS = [
  "sampling_percentage",
  "hash_seed",
  "mode",
  "fail_closed",
  "sampling_precision",
  "attribute_source",
  "from_attribute",
  "sampling_priority",
];

/** probabilistic_sampler at v0.136.0: the settings its README documents, and the logs trap of fail_closed. */
export function checkProbabilisticSampler(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, SAMPLER_KEYS, at, r, "the probabilistic_sampler processor");
  const pct = cfg.sampling_percentage;
  if (pct === undefined || pct === null) {
    r.error(
      at,
      "The probabilistic_sampler processor needs sampling_percentage (0 drops everything, 100 keeps everything)",
      "key",
    );
  } else if (!isTemplated(pct) && (typeof pct !== "number" || !Number.isFinite(pct) || pct < 0)) {
    r.error(
      [...at, "sampling_percentage"],
      `sampling_percentage must be a number from 0 to 100, got ${JSON.stringify(pct)}`,
    );
  } else if (pct === 0) {
    r.warn([...at, "sampling_percentage"], "sampling_percentage 0 drops every item");
  }
  checkInt(cfg, "hash_seed", at, r, 0, 4294967295);
  checkInt(cfg, "sampling_precision", at, r, 1, 14);
  checkEnum(cfg, "mode", ["hash_seed", "proportional", "equalizing"], at, r);
  checkEnum(cfg, "attribute_source", ["traceID", "record"], at, r);
  for (const key of ["fail_closed"]) {
    if (cfg[key] !== undefined && cfg[key] !== null && typeof cfg[key] !== "boolean" && !isTemplated(cfg[key])) {
      r.error([...at, key], `${key} must be true or false, got ${JSON.stringify(cfg[key])}`);
    }
  }
  for (const key of ["from_attribute", "sampling_priority"]) {
    if (cfg[key] !== undefined && cfg[key] !== null && typeof cfg[key] !== "string")
      r.error([...at, key], `${key} must be an attribute name`);
  }
  if (cfg.attribute_source === "record" && !cfg.from_attribute) {
    r.error(
      [...at, "attribute_source"],
      "attribute_source: record needs from_attribute, the log record attribute to hash",
    );
  }
}
