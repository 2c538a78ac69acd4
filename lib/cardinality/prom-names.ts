/**
 * The names a backend may know an OTLP metric by, after the collector's Prometheus translation
 * (prometheusexporter / prometheusremotewriteexporter, pkg/translator/prometheus normalizeName): words split on
 * anything but letters and digits and joined by `_`, the unit appended in words (`ms` → `milliseconds`,
 * `By/s` → `bytes_per_second`, `{requests}` dropped), `_total` for monotonic sums, `_ratio` for unit-`1` gauges, a
 * leading `_` before a digit; histograms add `_bucket`/`_sum`/`_count`, summaries `_sum`/`_count`. The name
 * without suffixes (add_metric_suffixes: false) and the raw OTLP name (UTF-8 backends, Prometheus 3 without
 * translation) count as well.
 */

const UNITS: Record<string, string> = {
  d: "days",
  h: "hours",
  min: "minutes",
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  By: "bytes",
  KiBy: "kibibytes",
  MiBy: "mebibytes",
  GiBy: "gibibytes",
  TiBy: "tebibytes",
  KBy: "kilobytes",
  MBy: "megabytes",
  GBy: "gigabytes",
  TBy: "terabytes",
  m: "meters",
  V: "volts",
  A: "amperes",
  J: "joules",
  W: "watts",
  g: "grams",
  Cel: "celsius",
  Hz: "hertz",
  "1": "",
  "%": "percent",
};
const PER_UNITS: Record<string, string> = {
  s: "second",
  m: "minute",
  h: "hour",
  d: "day",
  w: "week",
  mo: "month",
  y: "year",
};

export type MetricShape = {
  name: string;
  unit: string;
  /** OTLP kind: gauge, sum, histogram, exponentialHistogram, summary. */
  type: string;
  monotonic: boolean;
};

const words = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean);
const cleanUnit = (u: string) => words(u).join("_");

function unitWords(unit: string): string[] {
  const [main, per] = unit.split("/", 2).map((u) => u.trim());
  const out: string[] = [];
  if (main && !/[{}]/.test(main)) {
    const w = cleanUnit(UNITS[main] ?? main);
    if (w) out.push(w);
  }
  if (per && !/[{}]/.test(per)) {
    const w = cleanUnit(PER_UNITS[per] ?? per);
    if (w) out.push("per", w);
  }
  return out;
}

const join = (tokens: string[]) => {
  const n = tokens.join("_");
  return /^[0-9]/.test(n) ? `_${n}` : n;
};

/** The collector's translated name, with (`suffixes`) or without the unit and type suffixes. */
export function prometheusName(m: MetricShape, suffixes = true): string {
  let tokens = words(m.name);
  if (!suffixes) return join(tokens);
  const [main, ...rest] = unitWords(m.unit);
  if (main && !tokens.includes(main)) tokens.push(main);
  if (rest.length === 2 && !tokens.includes(rest[1])) tokens.push(...rest);
  if (m.type === "sum" && m.monotonic) tokens = [...tokens.filter((t) => t !== "total"), "total"];
  if (m.unit === "1" && m.type === "gauge") tokens = [...tokens.filter((t) => t !== "ratio"), "ratio"];
  return join(tokens);
}

const SERIES_SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["_sum", "_count"],
};

/** Every name a query may use for this metric. */
export function candidateNames(m: MetricShape): string[] {
  const bases = new Set([m.name, prometheusName(m), prometheusName(m, false)]);
  const out = new Set(bases);
  for (const b of bases) for (const s of SERIES_SUFFIXES[m.type] ?? []) out.add(b + s);
  return [...out];
}
