import type { TransformSpec } from "./steps";

export type StepWarning = { step: number; message: string };

const PARSE_KINDS = new Set(["parse_json", "parse_regex", "parse_key_value"]);

/**
 * Advice on a valid spec that compiles but may not do what its author expects (the traps in docs/transforms.md):
 * the studio shows it beside the step. Disabled steps are ignored.
 */
export function lintTransform(spec: TransformSpec): StepWarning[] {
  const out: StepWarning[] = [];
  const enabled = spec.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.enabled);
  let sampled: number | undefined;
  for (const { s, i } of enabled) {
    if (s.kind === "redact") {
      const laterParse = enabled.find(({ s: t, i: j }) => j > i && PARSE_KINDS.has(t.kind));
      if (laterParse && (s.targets.includes("attributes") || s.keyPatterns.length > 0)) {
        out.push({
          step: i,
          message: `runs before step ${laterParse.i + 1} (${laterParse.s.kind}): attributes parsed there are not redacted`,
        });
      }
    }
    if (s.kind === "sample_percentage") {
      if (sampled !== undefined)
        out.push({ step: i, message: `a second sampler multiplies with step ${sampled + 1}'s: the rates compound` });
      sampled ??= i;
      if (spec.signal === "logs" && s.failClosed && s.fromAttribute === undefined) {
        out.push({
          step: i,
          message:
            "log records without a TraceID are all dropped (fail_closed): set fromAttribute, or turn failClosed off",
        });
      }
    }
    if (s.kind === "drop_metrics" && s.match === "regex") {
      for (const n of s.names.filter((n) => !n.startsWith("^") || !n.endsWith("$"))) {
        out.push({
          step: i,
          message: `"${n}" is unanchored and matches anywhere in a name; write ^${n.replace(/^\^|\$$/g, "")}$ to match whole names`,
        });
      }
    }
    if (
      (s.kind === "delete_labels" || s.kind === "keep_labels" || s.kind === "aggregate_labels") &&
      s.metric === undefined
    ) {
      out.push({
        step: i,
        message: "applies to every metric; summaries are skipped and histograms only aggregate with sum",
      });
    }
    if ((s.kind === "redact" || s.kind === "redact_attributes") && s.replacement === "hash") {
      out.push({
        step: i,
        message:
          "an unsalted hash of a low-entropy value (e-mail, IP) can be reversed with a dictionary: it is pseudonymisation",
      });
    }
  }
  return out;
}
