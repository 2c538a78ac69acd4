import { compileTransform } from "@/lib/transforms/compile";
import { previewTransform, type PreviewResult } from "@/lib/transforms/preview";
import type { Batch } from "@/lib/transforms/processors/model";
import { parseSamples, type SampleOptions } from "@/lib/transforms/samples";
import type { Step } from "@/lib/transforms/steps";
import type { CompiledTransform, Signal } from "@/lib/transforms/types";
import type { FieldChange, RecordView, TotalsView } from "./view-model";

/** Parsed samples, parsed once per text change (not per preview run). */
export type SampleSet = { batch: Batch; count: number; summary: string };

export function parseSampleText(signal: Signal, text: string, options: SampleOptions = {}): SampleSet {
  const batch = parseSamples(signal, text, options);
  let count = 0;
  for (const r of batch.resources) for (const s of r.scopes) count += s.items.length;
  const noun = signal === "logs" ? "log record" : signal === "metrics" ? "metric" : "span";
  return { batch, count, summary: `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}` };
}

export type PreviewRun = {
  compiled: CompiledTransform;
  records: RecordView[];
  totals: TotalsView | null;
  /** Records out after each step, by index into the steps given (a step sharing a processor shows its figure). */
  stepRecords: Map<number, number>;
  /** compile + preview, as measured here; null without samples. */
  ms: number | null;
  notice: string | null;
};

/** Compiles the steps and runs the compiled processors on the samples; what is timed is exactly that pair. */
export function runPreview(signal: Signal, name: string, steps: Step[], samples: SampleSet | null): PreviewRun {
  const started = performance.now();
  const compiled = compileTransform({ signal, steps }, { name });
  const result = samples ? previewTransform(compiled, samples.batch) : null;
  const ms = performance.now() - started;
  if (!result) return { compiled, records: [], totals: null, stepRecords: new Map(), ms: null, notice: null };
  return {
    compiled,
    records: result.records.map(toView),
    totals: totalsOf(result),
    stepRecords: stepFigures(result),
    ms,
    notice: noticeOf(result),
  };
}

function toView(r: PreviewResult["records"][number], index: number): RecordView {
  const changes: Record<string, FieldChange> = {};
  for (const c of r.changes) changes[c.path] = c.kind === "redacted" ? "changed" : c.kind;
  return {
    index,
    before: r.before,
    after: r.after,
    status: r.dropped ? "dropped" : r.errors.length > 0 ? "errored" : "kept",
    error: r.errors.join("; ") || undefined,
    changes,
  };
}

function totalsOf({ totals: t }: PreviewResult): TotalsView {
  return {
    records: { in: t.recordsIn, out: t.recordsOut },
    bytes: { in: t.bytesIn, out: t.bytesOut },
    ...(t.dataPointsIn !== undefined ? { datapoints: { in: t.dataPointsIn, out: t.dataPointsOut ?? 0 } } : {}),
    ...(t.seriesIn !== undefined ? { series: { in: t.seriesIn, out: t.seriesOut ?? 0 } } : {}),
    savedPercent: t.percentSaved,
  };
}

function stepFigures(result: PreviewResult): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of result.steps) for (const i of s.stepIndexes) out.set(i, s.figures.records);
  return out;
}

function noticeOf(result: PreviewResult): string | null {
  if (result.configError) return `The collector would refuse this config, so nothing ran: ${result.configError}`;
  if (result.batchDropped) return `A failing statement drops the whole batch: ${result.batchDropped}`;
  if (result.statistical)
    return "A sampler runs: which records survive is decided per record by a hash, so the totals are an estimate.";
  return null;
}
