/**
 * The names a backend may know an OTLP metric by, after the collector's Prometheus translation
 * (prometheusexporter / prometheusremotewriteexporter, pkg/translator/prometheus normalizeName, now
 * prometheus/otlptranslator): words split on anything but letters, digits and colons and joined by `_`, the unit
 * appended in words (`ms` → `milliseconds`, `By/s` → `bytes_per_second`, `{requests}` dropped), `_total` for monotonic sums, `_ratio` for unit-`1` gauges, a
 * leading `_` before a digit; histograms add `_bucket`/`_sum`/`_count`, summaries `_sum`/`_count`. The name
 * without suffixes (add_metric_suffixes: false), the raw OTLP name (UTF-8 backends without translation) and the
 * raw name with the suffixes (UTF-8 with suffixes) count as well.
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
  TiBy: "tibibytes" /* sic, as the translator spells it */,
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

/** Words of a name: split on anything but letters, digits and colons (so runs of `_` collapse). */
const words = (s: string) => s.split(/[^A-Za-z0-9:]+/).filter(Boolean);
const cleanUnit = (u: string) =>
  u
    .replace(/[^A-Za-z0-9:]/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_/, "");

/** The unit in words, main and per part (`By/s` → `bytes`, `per_second`); curly-brace annotations give nothing. */
function unitSuffixes(unit: string): [main: string, per: string] {
  const [mainOtel = "", perOtel] = unit.split("/", 2).map((u) => u.trim());
  const main = mainOtel && !/[{}]/.test(mainOtel) ? (UNITS[mainOtel] ?? mainOtel) : "";
  const perUnit = perOtel && !/[{}]/.test(perOtel) ? (PER_UNITS[perOtel] ?? perOtel) : "";
  return [main, perUnit ? `per_${perUnit}` : ""];
}

const leadingDigit = (n: string) => (/^[0-9]/.test(n) ? `_${n}` : n);
const isCounter = (m: MetricShape) => m.type === "sum" && m.monotonic;
const isRatio = (m: MetricShape) => m.unit === "1" && m.type === "gauge";

/** The collector's translated name, with (`suffixes`) or without the unit and type suffixes. */
export function prometheusName(m: MetricShape, suffixes = true): string {
  if (!suffixes)
    return leadingDigit(
      m.name
        .split(/[^A-Za-z0-9:_]+/)
        .filter(Boolean)
        .join("_"),
    );
  let tokens = words(m.name);
  const [rawMain, rawPer] = unitSuffixes(m.unit);
  let main = tokens.includes(cleanUnit(rawMain)) ? "" : cleanUnit(rawMain);
  let per = cleanUnit(rawPer);
  per = per === "per_" ? "" : per.replace(/_$/, "");
  if (tokens.includes(per)) per = "";
  if (per) main = main.replace(/_$/, "");
  if (main) tokens.push(main);
  if (per) tokens.push(per);
  if (isCounter(m)) tokens = [...tokens.filter((t) => t !== "total"), "total"];
  if (isRatio(m)) tokens = [...tokens.filter((t) => t !== "ratio"), "ratio"];
  return leadingDigit(tokens.join("_"));
}

/** The name kept as is with the suffixes added (UTF-8 backends translating with suffixes, e.g. Prometheus 3). */
function utf8NameWithSuffixes(m: MetricShape): string {
  const trim = (n: string, suffix: string) =>
    n.endsWith(suffix) && n.length > suffix.length + 1 ? n.slice(0, -(suffix.length + 1)) : n;
  let name = m.name;
  if (isRatio(m)) name = trim(name, "ratio");
  if (isCounter(m)) name = trim(name, "total");
  const [main, per] = unitSuffixes(m.unit);
  if (per) name = trim(name, per);
  if (main && !name.endsWith(main)) name += `_${main}`;
  if (per) name += `_${per}`;
  if (isCounter(m)) name += "_total";
  if (isRatio(m)) name += "_ratio";
  return name;
}

const SERIES_SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["_sum", "_count"],
};

/** Every name a query may use for this metric. */
export function candidateNames(m: MetricShape): string[] {
  const bases = new Set([m.name, prometheusName(m), prometheusName(m, false), utf8NameWithSuffixes(m)]);
  const out = new Set(bases);
  for (const b of bases) for (const s of SERIES_SUFFIXES[m.type] ?? []) out.add(b + s);
  return [...out];
}
