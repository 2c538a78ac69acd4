import type { BoolExpr } from "../ottl/ast";
import type { TransformContext } from "../ottl/context";
import { OttlRuntimeError } from "../ottl/context";
import { evalBool } from "../ottl/eval";
import { OttlSyntaxError, parseCondition } from "../ottl/parse";
import { makeContext, type ContextName, type ContextParts } from "./contexts";
import {
  pruneEmpty,
  type Batch,
  type Item,
  type LogRecord,
  type Metric,
  type ResourceItems,
  type ScopeItems,
  type Span,
} from "./model";
import { BatchDroppedError, errorMode, ProcessorConfigError, stringList, type ProcessorImpl } from "./run";

/**
 * The filter processor with its legacy OTTL keys (filterprocessor README): conditions are OR-ed and a true one drops
 * the item. A dropped span or metric is not looked into; a metric whose data points are all dropped goes too, a span
 * whose events are all dropped stays. Under `ignore` a condition that errors counts as false.
 */
const SECTIONS: Record<Batch["signal"], Record<string, ContextName>> = {
  logs: { log_record: "log" },
  traces: { span: "span", spanevent: "spanevent" },
  metrics: { metric: "metric", datapoint: "datapoint" },
};

function conditions(config: Record<string, unknown>, signal: Batch["signal"], key: string): BoolExpr[] {
  const section = config[signal] as Record<string, unknown> | undefined;
  if (!section) return [];
  for (const k of Object.keys(section))
    if (!(k in SECTIONS[signal]))
      throw new ProcessorConfigError(`filter ${signal}.${k} is not supported by the preview (only OTTL conditions)`);
  return stringList(section[key], `${signal}.${key}`).map((c) => {
    try {
      return parseCondition(c);
    } catch (err) {
      if (err instanceof OttlSyntaxError) throw new ProcessorConfigError(err.message);
      throw err;
    }
  });
}

/** Each section's parsed conditions. */
type Sections = Record<string, BoolExpr[]>;
/**
 * The elements of `list` no condition of `section` matches, `parts` giving an element's context. An error counts
 * against the element's record: its log record, span or metric.
 */
type Keep = <T>(section: string, list: T[], parts: (x: T) => ContextParts) => T[];
/** What every item's context reaches: its resource and scope. */
type Base = Pick<ContextParts, "resource" | "scope">;
type ScopeFilter = (s: ScopeItems<Item>, base: Base, keep: Keep, conds: Sections) => void;

export const runFilter: ProcessorImpl = (batch, processor, rec) => {
  const mode = errorMode(processor.config.error_mode);
  const matches = (conds: BoolExpr[], ctx: TransformContext, ids: number[]): boolean => {
    for (const c of conds) {
      try {
        if (evalBool(c, ctx)) return true;
      } catch (err) {
        if (err instanceof OttlSyntaxError) throw new ProcessorConfigError(err.message);
        if (!(err instanceof OttlRuntimeError)) throw err;
        if (mode === "propagate") throw new BatchDroppedError(`${processor.id}: ${err.message}`);
        rec.error(ids, `${processor.id}: ${err.message}`);
      }
    }
    return false;
  };
  const sections = SECTIONS[batch.signal];
  const conds: Sections = Object.fromEntries(
    Object.keys(sections).map((key) => [key, conditions(processor.config, batch.signal, key)]),
  );
  const keep: Keep = (section, list, parts) =>
    conds[section].length
      ? list.filter((x) => {
          const p = parts(x);
          return !matches(conds[section], makeContext(sections[section], p), [(p.log ?? p.span ?? p.metric)!.id]);
        })
      : list;
  const filterScope = { logs: filterLogs, traces: filterSpans, metrics: filterMetrics }[batch.signal] as ScopeFilter;
  for (const r of batch.resources as ResourceItems<Item>[])
    for (const s of r.scopes) filterScope(s, { resource: r.resource, scope: s.scope }, keep, conds);
  pruneEmpty(batch);
};

function filterLogs(s: ScopeItems<LogRecord>, base: Base, keep: Keep): void {
  s.items = keep("log_record", s.items, (log) => ({ ...base, log }));
}

function filterSpans(s: ScopeItems<Span>, base: Base, keep: Keep): void {
  s.items = keep("span", s.items, (span) => ({ ...base, span }));
  for (const span of s.items) span.events = keep("spanevent", span.events, (event) => ({ ...base, span, event }));
}

function filterMetrics(s: ScopeItems<Metric>, base: Base, keep: Keep, conds: Sections): void {
  s.items = keep("metric", s.items, (metric) => ({ ...base, metric }));
  if (!conds.datapoint.length) return;
  s.items = s.items.filter((metric) => {
    metric.dataPoints = keep("datapoint", metric.dataPoints, (point) => ({ ...base, metric, point }));
    return metric.dataPoints.length > 0;
  });
}
