import type { BoolExpr } from "../ottl/ast";
import type { TransformContext } from "../ottl/context";
import { OttlRuntimeError } from "../ottl/context";
import { evalBool } from "../ottl/eval";
import { OttlSyntaxError, parseCondition } from "../ottl/parse";
import { makeContext } from "./contexts";
import { pruneEmpty, type Batch, type LogRecord, type Metric, type ResourceItems, type Span } from "./model";
import { BatchDroppedError, errorMode, ProcessorConfigError, stringList, type ProcessorImpl } from "./run";

/**
 * The filter processor with its legacy OTTL keys (filterprocessor README): conditions are OR-ed and a true one drops
 * the item. A dropped span or metric is not looked into; a metric whose data points are all dropped goes too, a span
 * whose events are all dropped stays. Under `ignore` a condition that errors counts as false.
 */
const SECTIONS: Record<Batch["signal"], Record<string, string>> = {
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
  if (batch.signal === "logs") filterLogs(batch.resources, conditions(processor.config, "logs", "log_record"), matches);
  else if (batch.signal === "traces")
    filterSpans(
      batch.resources,
      conditions(processor.config, "traces", "span"),
      conditions(processor.config, "traces", "spanevent"),
      matches,
    );
  else
    filterMetrics(
      batch.resources,
      conditions(processor.config, "metrics", "metric"),
      conditions(processor.config, "metrics", "datapoint"),
      matches,
    );
  pruneEmpty(batch);
};

type Matches = (conds: BoolExpr[], ctx: TransformContext, ids: number[]) => boolean;

function filterLogs(resources: ResourceItems<LogRecord>[], conds: BoolExpr[], matches: Matches): void {
  if (!conds.length) return;
  for (const r of resources)
    for (const s of r.scopes)
      s.items = s.items.filter(
        (log) => !matches(conds, makeContext("log", { resource: r.resource, scope: s.scope, log }), [log.id]),
      );
}

function filterSpans(
  resources: ResourceItems<Span>[],
  spanConds: BoolExpr[],
  eventConds: BoolExpr[],
  matches: Matches,
): void {
  for (const r of resources)
    for (const s of r.scopes) {
      const base = { resource: r.resource, scope: s.scope };
      if (spanConds.length)
        s.items = s.items.filter((span) => !matches(spanConds, makeContext("span", { ...base, span }), [span.id]));
      if (eventConds.length)
        for (const span of s.items)
          span.events = span.events.filter(
            (event) => !matches(eventConds, makeContext("spanevent", { ...base, span, event }), [span.id]),
          );
    }
}

function filterMetrics(
  resources: ResourceItems<Metric>[],
  metricConds: BoolExpr[],
  pointConds: BoolExpr[],
  matches: Matches,
): void {
  for (const r of resources)
    for (const s of r.scopes) {
      const base = { resource: r.resource, scope: s.scope };
      if (metricConds.length)
        s.items = s.items.filter(
          (metric) => !matches(metricConds, makeContext("metric", { ...base, metric }), [metric.id]),
        );
      if (!pointConds.length) continue;
      s.items = s.items.filter((metric) => {
        metric.dataPoints = metric.dataPoints.filter(
          (point) => !matches(pointConds, makeContext("datapoint", { ...base, metric, point }), [metric.id]),
        );
        return metric.dataPoints.length > 0;
      });
    }
}
