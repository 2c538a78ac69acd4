"use client";
import { useEffect, useMemo, useState } from "react";
import type { Step } from "@/lib/transforms/steps";
import type { CompiledTransform, Signal } from "@/lib/transforms/types";
import { runPreview, type SampleSet } from "./engine";
import type { RecordView, TotalsView } from "./view-model";

export type PreviewState = {
  compiled: CompiledTransform | null;
  records: RecordView[];
  totals: TotalsView | null;
  /** compile + preview of the last run, in ms (performance.now), for the totals bar and the browser test. */
  ms: number | null;
  /** Records out after each step, by index into the steps given. */
  stepRecords: Map<number, number>;
  notice: string | null;
  error: string | null;
  pending: boolean;
};

/** Compiles the valid steps and previews them on the samples in the browser, debounced while the user edits. */
export function usePreview(
  signal: Signal,
  name: string,
  steps: Step[],
  samples: SampleSet | null,
  delayMs = 120,
): PreviewState {
  const [state, setState] = useState<PreviewState>({
    compiled: null,
    records: [],
    totals: null,
    ms: null,
    stepRecords: new Map(),
    notice: null,
    error: null,
    pending: true,
  });
  // Steps are rebuilt on every render; their JSON is what decides whether to run again.
  const key = useMemo(() => JSON.stringify(steps), [steps]);
  useEffect(() => {
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      try {
        const r = runPreview(signal, name, JSON.parse(key) as Step[], samples);
        setState({ ...r, error: null, pending: false });
      } catch (err) {
        setState((s) => ({ ...s, error: (err as Error).message, pending: false }));
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [signal, name, key, samples, delayMs]);
  return state;
}
