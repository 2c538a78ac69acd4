import { cardinalityQueryFields, importReferencesInput, sampleScopeFields } from "../../cardinality/schemas";
import { z } from "zod";
import { del, get, group, post } from "../operation";
import * as r from "../responses/cardinality";

export const cardinalityPaths = group(
  "Cardinality",
  "Series counted from metrics samples (captured from a gateway or stored): the top metrics and the labels driving " +
    "them, and the metrics nothing imported (Grafana dashboards, Prometheus/Mimir rule files, name lists) refers to.",
  [
    get("/api/v1/cardinality", "Top metrics by series, with their labels", [200, "The explorer", r.cardinality], {
      query: z.object(cardinalityQueryFields),
      description:
        "Give `gateway_id` (its newest captured metrics samples) or `sample_id`. A series is a metric name with one " +
        "set of resource and data point attributes; labels are data point attributes.",
    }),
    get("/api/v1/cardinality/unused", "Metrics nothing refers to", [200, "Used and unused metrics", r.unused], {
      query: z.object(sampleScopeFields),
      description:
        "A metric is used when an imported name or `__name__` pattern matches its OTLP name or a Prometheus name " +
        "the collector's translation may give it (with and without unit and type suffixes, histogram series).",
    }),
    get("/api/v1/metric-references", "List imported reference sources", [200, "Newest first", r.referenceSourceList]),
    post(
      "/api/v1/metric-references",
      "Import a dashboard, rule file or name list",
      [201, "Stored names", r.referenceSource],
      {
        body: importReferencesInput,
        description: "Only the metric names read from `content` are stored, not the file.",
      },
    ),
    del("/api/v1/metric-references/{sourceId}", "Delete an imported source", [204, "Deleted"]),
  ],
);
