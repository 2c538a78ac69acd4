import type { Ctx } from "@/lib/auth/context";
import { getSample } from "@/lib/samples/queries";
import { signal as signalSchema, step as stepSchema, stepKindsFor } from "@/lib/transforms/steps";
import type { Signal } from "@/lib/transforms/types";
import type { SearchParams } from "@/app/_components/page-params";

export type Prefill = { signal: Signal; steps: unknown[]; name: string; sample: string; sampleSource?: string };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A studio opened from a link (lib/cardinality/studio-link.ts): `step` is one step as JSON, kept only when it is a
 * valid step of the signal; `sample` a stored sample's id, loaded as the preview's records. Anything unreadable is
 * left out: the studio then opens as a plain new transform.
 */
export async function readPrefill(ctx: Ctx, sp: SearchParams): Promise<Prefill | null> {
  const raw = one(sp.step);
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const step = stepSchema.safeParse(parsed);
  const signal = signalSchema.safeParse(one(sp.signal));
  if (!step.success || !signal.success || !stepKindsFor(signal.data).includes(step.data.kind)) return null;
  let sample = "";
  let sampleSource: string | undefined;
  const sampleId = one(sp.sample);
  if (sampleId) {
    const stored = await getSample(ctx, sampleId).catch(() => null);
    if (stored && stored.signal === signal.data) {
      sample = JSON.stringify(stored.payload, null, 2);
      sampleSource = stored.name;
    }
  }
  return { signal: signal.data, steps: [parsed], name: one(sp.name)?.slice(0, 100) ?? "", sample, sampleSource };
}
