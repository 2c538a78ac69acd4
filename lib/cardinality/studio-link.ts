import type { StepInput } from "../transforms/steps";

/**
 * The studio opened on a new metrics transform with one step filled in (and the sample it was found in, so the
 * preview shows the step's effect at once): app/(app)/transforms/new reads `step` and `sample`.
 */
export function studioLink(step: StepInput, sampleId?: string | null, name?: string): string {
  const q = new URLSearchParams({ signal: "metrics", step: JSON.stringify(step) });
  if (sampleId) q.set("sample", sampleId);
  if (name) q.set("name", name);
  return `/transforms/new?${q.toString()}`;
}

/** A transform name a step suggests: letters, digits and dashes, as the studio's names go. */
export const suggestedName = (...parts: string[]) =>
  parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100);

export const dropMetricLink = (metric: string, sampleId?: string | null) =>
  studioLink({ kind: "drop_metrics", match: "exact", names: [metric] }, sampleId, suggestedName("drop", metric));

export const dropLabelLink = (metric: string, label: string, sampleId?: string | null) =>
  studioLink(
    { kind: "delete_labels", labels: [label], metric },
    sampleId,
    suggestedName("drop", label, "from", metric),
  );
