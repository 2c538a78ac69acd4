import type { TransformContext } from "../ottl/context";
import { makeContext, type ContextName } from "./contexts";
import type { Batch, Item, LogRecord, Metric, ResourceItems, Scope, Span } from "./model";
import { aggregateOnAttributes } from "./aggregate";

const EMPTY_SCOPE: Scope = { name: "", version: "", attributes: new Map(), droppedAttributesCount: 0 };

const idsOf = (items: Item[]) => items.map((i) => i.id);

/** Calls `fn` with a TransformContext for every item of `kind` in the batch, and the ids of the records it belongs to. */
export function forEachContext(
  batch: Batch,
  kind: ContextName,
  fn: (ctx: TransformContext, ids: number[]) => void,
): void {
  for (const r of batch.resources as ResourceItems<Item>[]) {
    if (kind === "resource") {
      fn(
        makeContext(kind, { resource: r.resource, scope: EMPTY_SCOPE }),
        r.scopes.flatMap((s) => idsOf(s.items)),
      );
      continue;
    }
    for (const s of r.scopes) {
      const base = { resource: r.resource, scope: s.scope };
      if (kind === "scope") {
        fn(makeContext(kind, base), idsOf(s.items));
        continue;
      }
      for (const item of s.items) {
        if (kind === "log") fn(makeContext(kind, { ...base, log: item as LogRecord }), [item.id]);
        else if (kind === "span") fn(makeContext(kind, { ...base, span: item as Span }), [item.id]);
        else if (kind === "spanevent")
          for (const event of (item as Span).events)
            fn(makeContext(kind, { ...base, span: item as Span, event }), [item.id]);
        else if (kind === "metric") {
          const metric = item as Metric;
          fn(
            makeContext(kind, { ...base, metric, aggregate: (how, keys) => aggregateOnAttributes(metric, how, keys) }),
            [item.id],
          );
        } else if (kind === "datapoint")
          for (const point of (item as Metric).dataPoints)
            fn(makeContext(kind, { ...base, metric: item as Metric, point }), [item.id]);
      }
    }
  }
}

/** Which contexts each signal offers, most specific first (for inferring the context of flat statements). */
export const SIGNAL_CONTEXTS: Record<Batch["signal"], ContextName[]> = {
  logs: ["log", "scope", "resource"],
  traces: ["spanevent", "span", "scope", "resource"],
  metrics: ["datapoint", "metric", "scope", "resource"],
};
