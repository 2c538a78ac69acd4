import {
  checkDuration,
  checkEnum,
  checkInt,
  checkKnownKeys,
  checkStringList,
  isObject,
  section,
  type Cfg,
} from "./checks";
import type { Path, Report } from "./report";

const BATCH_DEFAULT_SIZE = 8192;

export function checkBatchProcessor(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(
    cfg,
    ["timeout", "send_batch_size", "send_batch_max_size", "metadata_keys", "metadata_cardinality_limit"],
    at,
    r,
    "the batch processor",
  );
  const timeout = checkDuration(cfg, "timeout", at, r);
  if (timeout !== undefined && timeout < 0) r.error([...at, "timeout"], "timeout must not be negative");
  const size = checkInt(cfg, "send_batch_size", at, r, 0);
  const max = checkInt(cfg, "send_batch_max_size", at, r, 0);
  checkInt(cfg, "metadata_cardinality_limit", at, r, 0);
  checkStringList(cfg, "metadata_keys", at, r);
  const effectiveSize = size ?? (cfg.send_batch_size === undefined ? BATCH_DEFAULT_SIZE : undefined);
  if (max !== undefined && max > 0 && effectiveSize !== undefined && max < effectiveSize) {
    const which = size === undefined ? `${BATCH_DEFAULT_SIZE}, the default` : String(size);
    r.error(
      [...at, "send_batch_max_size"],
      `send_batch_max_size (${max}) must be 0 (no limit) or at least send_batch_size (${which})`,
    );
  }
}

const MEMORY_LIMITER_KEYS = [
  "check_interval",
  "limit_mib",
  "spike_limit_mib",
  "limit_percentage",
  "spike_limit_percentage",
  "min_gc_interval_when_soft_limited",
  "min_gc_interval_when_hard_limited",
];

export function checkMemoryLimiter(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, MEMORY_LIMITER_KEYS, at, r, "the memory_limiter processor");
  const interval = checkDuration(cfg, "check_interval", at, r);
  if (cfg.check_interval === undefined || cfg.check_interval === null) {
    r.error(at, "The memory_limiter processor needs check_interval (for example 1s)", "key");
  } else if (interval !== undefined && interval <= 0) {
    r.error([...at, "check_interval"], "check_interval must be greater than zero");
  }
  const limitMib = checkInt(cfg, "limit_mib", at, r, 0);
  const spikeMib = checkInt(cfg, "spike_limit_mib", at, r, 0);
  const limitPct = checkInt(cfg, "limit_percentage", at, r, 0, 100);
  const spikePct = checkInt(cfg, "spike_limit_percentage", at, r, 0, 100);
  const templatedLimit = [cfg.limit_mib, cfg.limit_percentage].some((v) => typeof v === "string");
  if (!templatedLimit && !limitMib && !limitPct) {
    r.error(at, "The memory_limiter processor needs limit_mib or limit_percentage greater than zero", "key");
  }
  if (limitMib && limitPct)
    r.warn(
      [...at, "limit_percentage"],
      "limit_mib and limit_percentage are both set: limit_mib is used and limit_percentage is ignored",
    );
  if (limitMib && spikeMib !== undefined && spikeMib >= limitMib) {
    r.error([...at, "spike_limit_mib"], `spike_limit_mib (${spikeMib}) must be smaller than limit_mib (${limitMib})`);
  }
  if (limitPct && spikePct !== undefined && spikePct >= limitPct) {
    r.error(
      [...at, "spike_limit_percentage"],
      `spike_limit_percentage (${spikePct}) must be smaller than limit_percentage (${limitPct})`,
    );
  }
  const soft = checkDuration(cfg, "min_gc_interval_when_soft_limited", at, r);
  const hard = checkDuration(cfg, "min_gc_interval_when_hard_limited", at, r);
  if (soft !== undefined && hard !== undefined && soft < hard) {
    r.error(
      [...at, "min_gc_interval_when_soft_limited"],
      "min_gc_interval_when_soft_limited must be at least min_gc_interval_when_hard_limited",
    );
  }
}

const ERROR_MODES = ["ignore", "silent", "propagate"];
const FILTER_SIGNALS: Record<string, string[]> = {
  traces: ["span", "spanevent"],
  metrics: ["metric", "datapoint", "include", "exclude"],
  logs: ["log_record", "include", "exclude"],
};

export function checkFilterProcessor(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, ["error_mode", ...Object.keys(FILTER_SIGNALS)], at, r, "the filter processor");
  checkEnum(cfg, "error_mode", ERROR_MODES, at, r);
  let conditions = 0;
  for (const [signal, keys] of Object.entries(FILTER_SIGNALS)) {
    const s = section(cfg, signal, at, r);
    if (!s) continue;
    checkKnownKeys(s, keys, [...at, signal], r, `the filter processor's ${signal}`);
    for (const key of keys.filter((k) => k !== "include" && k !== "exclude"))
      conditions += checkStringList(s, key, [...at, signal], r).length;
    conditions += Number(s.include !== undefined) + Number(s.exclude !== undefined);
  }
  if (conditions === 0) r.warn(at, "The filter processor has no conditions, so it drops nothing", "key");
}

const TRANSFORM_CONTEXTS = ["resource", "scope", "span", "spanevent", "metric", "datapoint", "log"];
const STATEMENT_KEYS = ["trace_statements", "metric_statements", "log_statements"];

export function checkTransformProcessor(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, ["error_mode", "flatten_data", ...STATEMENT_KEYS], at, r, "the transform processor");
  checkEnum(cfg, "error_mode", ERROR_MODES, at, r);
  let statements = 0;
  for (const key of STATEMENT_KEYS) {
    const v = cfg[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) {
      r.error([...at, key], `${key} must be a list of statements or of {context, statements} groups`);
      continue;
    }
    v.forEach((item, i) => {
      if (typeof item === "string") statements++;
      else if (isObject(item)) statements += checkStatementGroup(item, [...at, key, i], r);
      else r.error([...at, key, i], `${key}[${i}] must be a statement or a {context, statements} group`);
    });
  }
  if (statements === 0) r.warn(at, "The transform processor has no statements, so it changes nothing", "key");
}

function checkStatementGroup(group: Cfg, at: Path, r: Report): number {
  checkKnownKeys(group, ["context", "statements", "conditions", "error_mode"], at, r, "a transform statement group");
  if (group.context !== undefined) checkEnum(group, "context", TRANSFORM_CONTEXTS, at, r);
  checkEnum(group, "error_mode", ERROR_MODES, at, r);
  checkStringList(group, "conditions", at, r);
  const list = checkStringList(group, "statements", at, r);
  if (list.length === 0) r.error(at, "A transform statement group needs at least one statement");
  return list.length;
}

const ATTRIBUTE_ACTIONS = ["insert", "update", "upsert", "delete", "hash", "extract", "convert"];
const ACTION_KEYS = ["key", "action", "value", "pattern", "from_attribute", "from_context", "converted_type"];

export function checkAttributesProcessor(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, ["actions", "include", "exclude"], at, r, "the attributes processor");
  const actions = cfg.actions;
  if (!Array.isArray(actions) || actions.length === 0) {
    r.error(
      actions === undefined ? at : [...at, "actions"],
      "The attributes processor needs a list of actions",
      actions === undefined ? "key" : "value",
    );
    return;
  }
  actions.forEach((a, i) => {
    const p = [...at, "actions", i];
    if (!isObject(a)) return r.error(p, `actions[${i}] must be a mapping with key and action`);
    checkKnownKeys(a, ACTION_KEYS, p, r, "an attributes action");
    if (typeof a.action !== "string" || !ATTRIBUTE_ACTIONS.includes(a.action)) {
      return r.error(
        a.action === undefined ? p : [...p, "action"],
        `actions[${i}].action must be one of ${ATTRIBUTE_ACTIONS.join(", ")}`,
      );
    }
    checkAction(a, i, p, r);
  });
}

function checkAction(a: Cfg, i: number, p: Path, r: Report): void {
  const action = a.action as string;
  if ((typeof a.key !== "string" || a.key === "") && !((action === "delete" || action === "hash") && a.pattern)) {
    r.error(p, `actions[${i}] (${action}) needs a key`);
  }
  if (["insert", "update", "upsert"].includes(action)) {
    const sources = ["value", "from_attribute", "from_context"].filter((k) => a[k] !== undefined);
    if (sources.length !== 1)
      r.error(p, `actions[${i}] (${action}) needs exactly one of value, from_attribute or from_context`);
  }
  if (action === "extract" && typeof a.pattern !== "string")
    r.error(p, `actions[${i}] (extract) needs a pattern with named groups`);
  if (action === "convert")
    checkEnum({ converted_type: a.converted_type ?? "" }, "converted_type", ["int", "double", "string"], p, r);
}
