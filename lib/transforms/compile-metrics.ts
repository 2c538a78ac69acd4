import { attributeCondition, filterPieces, type Piece } from "./compile-shared";
import { ottlRegex, ottlString, ottlStringList } from "./literals";
import { globToRegex } from "./regex";
import type { Step } from "./steps";

/**
 * Metric steps → pieces. Label steps need two groups: deleting keys is datapoint context, and
 * aggregate_on_attributes may only run in a metric-context group of its own (§1 rule 2, §1.4).
 */
export function compileMetricStep(s: Step): Piece[] {
  switch (s.kind) {
    case "drop_metrics":
      return s.names.map((n) => ({ type: "filter", section: "metric", condition: metricNameCondition(s.match, n) }));
    case "drop_datapoints": {
      const scope = s.metric === undefined ? [] : [`metric.name == ${ottlString(s.metric)}`];
      const parts = s.conditions.map(attributeCondition);
      const conditions =
        s.match === "all" ? [[...scope, ...parts].join(" and ")] : parts.map((p) => [...scope, p].join(" and "));
      return filterPieces("datapoint", "any", conditions);
    }
    case "delete_labels": {
      const where = whereMetric(s.metric);
      return [
        {
          type: "transform",
          context: "datapoint",
          statements: s.labels.map((l) => `delete_key(datapoint.attributes, ${ottlString(l)})${where}`),
        },
        { type: "transform", context: "metric", statements: [`aggregate_on_attributes("sum")${where}`] },
      ];
    }
    case "keep_labels":
      return [
        {
          type: "transform",
          context: "metric",
          statements: [`aggregate_on_attributes("sum", ${ottlStringList(s.labels)})${whereMetric(s.metric)}`],
        },
      ];
    case "aggregate_labels":
      return [
        {
          type: "transform",
          context: "metric",
          statements: [
            `aggregate_on_attributes(${ottlString(s.aggregation)}, ${ottlStringList(s.labels)})${whereMetric(s.metric)}`,
          ],
        },
      ];
    case "rename_metric":
      return [
        {
          type: "transform",
          context: "metric",
          statements: [`set(metric.name, ${ottlString(s.to)}) where metric.name == ${ottlString(s.from)}`],
        },
      ];
    default:
      throw new Error(`${s.kind} is not a metrics step`);
  }
}

function whereMetric(name: string | undefined): string {
  return name === undefined ? "" : ` where metric.name == ${ottlString(name)}`;
}

/** Filter's metric section takes `name` unprefixed; globs become anchored regexes, user regexes stay as written. */
function metricNameCondition(match: "exact" | "glob" | "regex", name: string): string {
  if (match === "exact") return `name == ${ottlString(name)}`;
  return `IsMatch(name, ${ottlRegex(match === "glob" ? globToRegex(name) : name)})`;
}
