import type { Value, ValueMap } from "../ottl/values";
import type { CompiledTransform, Signal } from "../types";
import { newLogRecord, type Batch, type LogRecord } from "./model";

/** Builders for the preview tests: compiled configs as the compiler emits them, and small sample batches. */
export const m = (o: Record<string, Value>): ValueMap => new Map(Object.entries(o));

export function compiled(
  signal: Signal,
  ...processors: [CompiledTransform["processors"][number]["type"], Record<string, unknown>][]
): CompiledTransform {
  return {
    signal,
    processors: processors.map(([type, config], i) => ({ id: `${type}/fg_test_${i}`, type, config, stepIndexes: [i] })),
    yaml: "",
  };
}

export type StatementGroup = { context: string; statements: string[]; conditions?: string[] };
const STATEMENTS_KEY: Record<Signal, string> = {
  logs: "log_statements",
  metrics: "metric_statements",
  traces: "trace_statements",
};

/** A transform processor under error_mode ignore, with these statement groups. */
export const transformGroups = (signal: Signal, ...groups: StatementGroup[]): CompiledTransform =>
  compiled(signal, ["transform", { error_mode: "ignore", [STATEMENTS_KEY[signal]]: groups }]);

export function logs(records: Partial<LogRecord>[], resource: ValueMap = new Map()): Batch {
  const items = records.map((r, id): LogRecord => ({ ...newLogRecord(id), ...r }));
  return {
    signal: "logs",
    resources: [
      {
        resource: { attributes: resource, droppedAttributesCount: 0 },
        schemaUrl: "",
        scopes: [
          { scope: { name: "", version: "", attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: "", items },
        ],
      },
    ],
  };
}
