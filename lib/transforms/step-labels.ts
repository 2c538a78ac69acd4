import type { StepKind } from "./steps";

/** What the studio shows for each step kind: a short label and one sentence on what it does. */
export const STEP_LABELS: Record<StepKind, { label: string; description: string }> = {
  parse_json: {
    label: "Parse JSON body",
    description: "Parses a JSON object body into record attributes (numbers become doubles).",
  },
  parse_regex: {
    label: "Parse with regex",
    description: "Extracts the named groups of a regex (matched against the body or a field) into attributes.",
  },
  parse_key_value: {
    label: "Parse key=value",
    description: "Splits `key=value` pairs (quotes respected) from the body or a field into attributes.",
  },
  set_attribute: {
    label: "Set attribute",
    description: "Sets an attribute to a fixed value, overwriting any existing value.",
  },
  rename_attribute: {
    label: "Rename attribute",
    description: "Moves an attribute's value to a new key (overwriting it) and deletes the old key.",
  },
  delete_attributes: { label: "Delete attributes", description: "Removes attributes by exact key or by a key regex." },
  keep_attributes: {
    label: "Keep only attributes",
    description: "Removes every attribute except the listed keys (or the keys matching a regex).",
  },
  severity_from_field: {
    label: "Severity from field",
    description: "Sets severity number and text from a field's value, e.g. level=err → ERROR.",
  },
  redact: {
    label: "Redact",
    description: "Masks or hashes e-mails, IPs, card numbers, tokens or a custom pattern in the body and attributes.",
  },
  drop_records: {
    label: "Drop records",
    description: "Drops log records below a severity, or whose body or an attribute matches.",
  },
  sample_percentage: {
    label: "Keep a percentage",
    description: "Keeps about N% of items, decided by TraceID (or, for logs, by an attribute).",
  },
  truncate: { label: "Truncate", description: "Cuts the body and/or string attribute values to at most N bytes." },
  drop_metrics: { label: "Drop metrics", description: "Drops whole metrics by exact name, glob or regex." },
  drop_datapoints: {
    label: "Drop data points",
    description: "Drops data points whose attributes match, optionally for one metric.",
  },
  delete_labels: {
    label: "Delete labels",
    description: "Removes labels and sums the series that become identical (cuts cardinality).",
  },
  keep_labels: {
    label: "Keep only labels",
    description: "Keeps only the listed labels and sums the series that become identical.",
  },
  aggregate_labels: {
    label: "Aggregate labels",
    description: "Aggregates away every label but the listed ones with sum, max, min, mean, median or count.",
  },
  rename_metric: { label: "Rename metric", description: "Renames a metric (no check that the new name is free)." },
  drop_spans: {
    label: "Drop spans",
    description: "Drops spans by name, kind or attribute, e.g. health checks (their children become orphans).",
  },
  redact_attributes: {
    label: "Redact attributes",
    description: "Masks or hashes a built-in or custom pattern in span attribute values.",
  },
};
