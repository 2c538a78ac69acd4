import { compileTransform } from "@/lib/transforms/compile";
import { previewTransform } from "@/lib/transforms/preview";
import { parseSamples } from "@/lib/transforms/samples";
import type { Step } from "@/lib/transforms/steps";
import type { CompiledTransform, Signal } from "@/lib/transforms/types";
import type { RecordView, TotalsView } from "./view-model";

export type SampleSet = { records: unknown; count: number; summary: string };

export function parseSampleText(signal: Signal, text: string): SampleSet {
  const records = parseSamples(signal, text);
  return { records, count: 0, summary: "" };
}

export function runPreview(signal: Signal, name: string, steps: Step[], samples: SampleSet | null): { compiled: CompiledTransform; records: RecordView[]; totals: TotalsView | null; ms: number | null } {
  const t0 = performance.now();
  const compiled = compileTransform({ signal, steps }, { name });
  const result = samples ? previewTransform(compiled, samples.records) : null;
  const ms = performance.now() - t0;
  return { compiled, records: [], totals: null, ms: result ? ms : null };
}
