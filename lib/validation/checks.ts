import type { Path, Report } from "./report";

/** A component's settings as parsed from YAML: an empty value (`batch:`) counts as no settings. */
export type Cfg = Record<string, unknown>;

export function isObject(v: unknown): v is Cfg {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `${env:X}`, `${INSTANCE_ID}` and friends are resolved later (by the collector or the renderer): skip format checks. */
export function isTemplated(v: unknown): boolean {
  return typeof v === "string" && v.includes("${");
}

/** Warns about keys the component does not document; the collector itself refuses unknown keys at start-up. */
export function checkKnownKeys(cfg: Cfg, known: readonly string[], at: Path, r: Report, what: string): void {
  for (const key of Object.keys(cfg)) {
    if (!known.includes(key)) {
      r.warn(
        [...at, key],
        `Unknown key "${key}" for ${what} (known: ${known.join(", ")}); the collector refuses keys it does not know`,
        "key",
      );
    }
  }
}

/** Reads a nested mapping setting; reports a non-mapping value and returns null for it. */
export function section(cfg: Cfg, key: string, at: Path, r: Report): Cfg | null {
  const v = cfg[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    r.error([...at, key], `${key} must be a mapping of settings`);
    return null;
  }
  return v;
}

const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };

/** Parses a Go duration ("1m30s", "200ms") to milliseconds; null when it is not one. */
export function parseDuration(s: string): number | null {
  if (s === "0") return 0;
  if (!GO_DURATION.test(s)) return null;
  const sign = s.startsWith("-") ? -1 : 1;
  let total = 0;
  for (const m of s.replace(/^[-+]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(m[1]) * UNIT_MS[m[2]];
  return sign * total;
}

/**
 * Checks a duration setting and returns its value in ms (undefined when absent or templated). A bare number is
 * legal but means nanoseconds, which is almost never what was meant, so it gets a warning.
 */
export function checkDuration(cfg: Cfg, key: string, at: Path, r: Report): number | undefined {
  const v = cfg[key];
  if (v === undefined || v === null || isTemplated(v)) return undefined;
  if (typeof v === "number") {
    if (v !== 0)
      r.warn([...at, key], `${key}: ${v} is read as ${v} nanoseconds; write a duration with a unit, such as ${v}s`);
    return v / 1e6;
  }
  const ms = typeof v === "string" ? parseDuration(v.trim()) : null;
  if (ms === null) {
    r.error(
      [...at, key],
      `${key}: ${JSON.stringify(v)} is not a duration; use a number with a unit, such as 200ms, 5s or 1m`,
    );
    return undefined;
  }
  return ms;
}

/** Checks an integer setting within bounds; returns it (undefined when absent, templated or invalid). */
export function checkInt(
  cfg: Cfg,
  key: string,
  at: Path,
  r: Report,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const v = cfg[key];
  if (v === undefined || v === null || isTemplated(v)) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) {
    r.error([...at, key], `${key} must be a whole number, got ${JSON.stringify(v)}`);
    return undefined;
  }
  if (v < min || v > max) {
    r.error(
      [...at, key],
      max === Number.MAX_SAFE_INTEGER
        ? `${key} must be at least ${min}, got ${v}`
        : `${key} must be between ${min} and ${max}, got ${v}`,
    );
    return undefined;
  }
  return v;
}

export function checkEnum(cfg: Cfg, key: string, allowed: readonly string[], at: Path, r: Report): void {
  const v = cfg[key];
  if (v === undefined || v === null || isTemplated(v)) return;
  if (typeof v !== "string" || !allowed.includes(v)) {
    r.error([...at, key], `${key} must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`);
  }
}

/** Checks a list-of-strings setting (statements, conditions, metadata keys). */
export function checkStringList(cfg: Cfg, key: string, at: Path, r: Report): string[] {
  const v = cfg[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.error([...at, key], `${key} must be a list`);
    return [];
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item === "string") out.push(item);
    else r.error([...at, key, i], `${key}[${i}] must be a string`);
  });
  return out;
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]*):(\d{1,5})$/;

function validPort(p: string): boolean {
  const n = Number(p);
  return n >= 1 && n <= 65535;
}

/** A listening address: host:port (host may be empty, ":4317"). */
export function checkHostPort(cfg: Cfg, key: string, at: Path, r: Report, example: string): void {
  const v = cfg[key];
  if (v === undefined || v === null || isTemplated(v)) return;
  const m = typeof v === "string" ? v.match(HOST_PORT) : null;
  if (!m || !validPort(m[2])) {
    r.error(
      [...at, key],
      `${key}: ${JSON.stringify(v)} must be host:port with a port from 1 to 65535, such as ${example}`,
    );
  }
}

/** A URL with one of the given schemes and a host (ports, when present, in range). */
export function checkUrl(
  cfg: Cfg,
  key: string,
  schemes: readonly string[],
  at: Path,
  r: Report,
  example: string,
): void {
  const v = cfg[key];
  if (v === undefined || v === null || isTemplated(v)) return;
  if (!isUrl(v, schemes))
    r.error([...at, key], `${key}: ${JSON.stringify(v)} must be a ${schemes.join(" or ")} URL, such as ${example}`);
}

export function isUrl(v: unknown, schemes: readonly string[]): boolean {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return schemes.includes(u.protocol.replace(/:$/, "")) && u.hostname !== "";
  } catch {
    return false;
  }
}

export function isHostPort(v: unknown): boolean {
  const m = typeof v === "string" ? v.match(HOST_PORT) : null;
  return Boolean(m && m[1] !== "" && validPort(m[2]));
}
