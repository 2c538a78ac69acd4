import { parseAllDocuments } from "yaml";
import { InvalidInputError } from "../errors";
import { promqlMetricNames } from "./promql";

/** What an operator can import as "used by someone": a Grafana dashboard, a Prometheus/Mimir rule file, or names. */
export const REFERENCE_KINDS = ["grafana_dashboard", "prometheus_rules", "name_list"] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export type References = {
  /** Metric names read by the expressions (recording-rule outputs left out), sorted. */
  names: string[];
  /** `__name__=~` regexes. */
  patterns: string[];
  /** Recording rules' own outputs: produced by the backend, so not metrics a gateway sends. */
  recorded: string[];
  /** Expressions read. */
  expressions: number;
  /** What could not be read (names built from dashboard variables, non-Prometheus queries skipped). */
  warnings: string[];
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

class Collector {
  names = new Set<string>();
  patterns = new Set<string>();
  recorded = new Set<string>();
  warnings: string[] = [];
  expressions = 0;

  expr(e: string, where: string) {
    if (!e.trim()) return;
    this.expressions++;
    const found = promqlMetricNames(e);
    found.names.forEach((n) => this.names.add(n));
    found.patterns.forEach((p) => this.patterns.add(p));
    for (const u of found.unresolved) this.warnings.push(`${where}: cannot read a metric name from ${u}`);
  }

  done(): References {
    const names = [...this.names].filter((n) => !this.recorded.has(n)).sort();
    return {
      names,
      patterns: [...this.patterns].sort(),
      recorded: [...this.recorded].sort(),
      expressions: this.expressions,
      warnings: [...new Set(this.warnings)].slice(0, 50),
    };
  }
}

/** A data source that is not Prometheus-compatible (Loki, Tempo, …): its queries are not PromQL. */
function foreignDatasource(ds: unknown): string | null {
  const type = isObj(ds) ? ds.type : null;
  if (typeof type !== "string" || type === "") return null;
  return /prometheus|mimir|cortex|thanos|victoria|datasource|mixed/i.test(type) ? null : type;
}

/** Dashboard variables: `label_values(metric, label)`, `query_result(expr)`, `metrics(regex)`. */
function variableQuery(q: string, c: Collector, where: string) {
  const text = q.trim();
  const lv = /^label_values\s*\(([\s\S]*)\)$/.exec(text);
  if (lv) {
    // label_values(label) names no metric; label_values(selector, label) reads the selector.
    const args = lv[1];
    const comma = args.lastIndexOf(",");
    if (comma >= 0) c.expr(args.slice(0, comma), where);
    return;
  }
  const qr = /^query_result\s*\(([\s\S]*)\)$/.exec(text);
  if (qr) return c.expr(qr[1], where);
  const m = /^metrics\s*\(([\s\S]*)\)$/.exec(text);
  if (m) return void c.patterns.add(`.*${m[1].trim()}.*`);
  if (/^label_names\s*\(/.test(text)) return;
  c.expr(text, where);
}

function panels(ps: unknown[], c: Collector, inherited: unknown) {
  for (const p of ps) {
    if (!isObj(p)) continue;
    const title = typeof p.title === "string" && p.title ? p.title : "untitled panel";
    const panelDs = p.datasource ?? inherited;
    // A library panel's queries live in the library, not in the dashboard JSON.
    if (isObj(p.libraryPanel) && !Array.isArray(p.targets)) {
      c.warnings.push(`panel "${title}": a library panel; its queries are not in the dashboard JSON`);
    }
    for (const t of list(p.targets)) {
      if (!isObj(t)) continue;
      const foreign = foreignDatasource(t.datasource ?? panelDs);
      if (foreign) {
        c.warnings.push(`panel "${title}": skipped a ${foreign} query (not PromQL)`);
        continue;
      }
      if (typeof t.expr === "string") c.expr(t.expr, `panel "${title}"`);
    }
    panels(list(p.panels), c, panelDs); // collapsed rows keep their panels inside
  }
}

function grafanaDashboard(doc: unknown): References {
  // The export wraps the model in {dashboard: …} when it comes from the API (and in "Export for sharing" meta).
  const d = isObj(doc) && isObj(doc.dashboard) ? doc.dashboard : doc;
  if (!isObj(d) || (!Array.isArray(d.panels) && !Array.isArray(d.rows))) {
    throw new InvalidInputError("content: not a Grafana dashboard (no panels or rows)");
  }
  const c = new Collector();
  panels(list(d.panels), c, undefined);
  for (const row of list(d.rows)) if (isObj(row)) panels(list(row.panels), c, undefined); // schema before Grafana 5
  for (const v of list(isObj(d.templating) ? d.templating.list : [])) {
    if (!isObj(v) || v.type !== "query" || foreignDatasource(v.datasource)) continue;
    const q = isObj(v.query) ? v.query.query : v.query;
    if (typeof q === "string") variableQuery(q, c, `variable "${String(v.name ?? "")}"`);
  }
  for (const a of list(isObj(d.annotations) ? d.annotations.list : [])) {
    if (isObj(a) && typeof a.expr === "string" && !foreignDatasource(a.datasource))
      c.expr(a.expr, `annotation "${String(a.name ?? "")}"`);
  }
  return c.done();
}

/** Prometheus rule files, Mimir/Cortex namespaces (mimirtool) and Kubernetes PrometheusRule objects; several YAML documents. */
function ruleFiles(content: string): References {
  const docs = parseAllDocuments(content);
  const c = new Collector();
  let groups = 0;
  for (const doc of docs) {
    if (doc.errors.length) throw new InvalidInputError(`content: invalid YAML: ${doc.errors[0].message}`);
    const root = doc.toJS() as unknown;
    const spec = isObj(root) && isObj(root.spec) ? root.spec : root;
    for (const g of list(isObj(spec) ? spec.groups : [])) {
      if (!isObj(g)) continue;
      groups++;
      const rules = list(g.rules).filter(isObj);
      // Outputs first: a rule may read another rule's output, which is no gateway metric.
      for (const r of rules) if (typeof r.record === "string") c.recorded.add(r.record);
      for (const r of rules) {
        const name = typeof r.record === "string" ? r.record : typeof r.alert === "string" ? r.alert : "rule";
        if (typeof r.expr === "string") c.expr(r.expr, `rule ${name}`);
        else if (typeof r.expr === "number") c.expressions++;
      }
    }
  }
  if (groups === 0) throw new InvalidInputError("content: no rule groups (expected `groups:` with rules)");
  return c.done();
}

/** One name per line (or separated by commas/spaces); `#` starts a comment. */
function nameList(content: string): References {
  const c = new Collector();
  for (const line of content.split("\n")) {
    for (const n of line.replace(/#.*/, "").split(/[\s,]+/)) {
      if (!n) continue;
      if (!/^[A-Za-z_:][A-Za-z0-9_:.]*$/.test(n)) throw new InvalidInputError(`content: "${n}" is not a metric name`);
      c.names.add(n);
    }
  }
  return c.done();
}

/** The metric names an imported file refers to. */
export function extractReferences(kind: ReferenceKind, content: string): References {
  if (kind === "name_list") return nameList(content);
  if (kind === "prometheus_rules") return ruleFiles(content);
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    throw new InvalidInputError(`content: invalid JSON: ${(err as Error).message}`);
  }
  return grafanaDashboard(doc);
}
