import type { Prices } from "../settings/prices";
import { SIGNALS, type GatewayVolume, type InOut, type SignalName } from "./volume";

/** The price per million items that applies to each signal's counts. */
const PER_MILLION: Record<SignalName, keyof Prices> = {
  logs: "per_million_log_records",
  metrics: "per_million_data_points",
  traces: "per_million_spans",
};
const GB = 1e9;

export type Figures = InOut & { saved: number; saved_ratio: number | null; estimated_cost_saved: number | null };

// Cents are not enough for a per-minute window at per-million prices; four decimals keep the figure readable.
const round = (n: number) => Math.round(n * 10_000) / 10_000;

function figures(v: InOut, price: number | null, unit: number): Figures {
  const saved = v.in - v.out;
  return {
    in: v.in,
    out: v.out,
    saved,
    saved_ratio: v.in > 0 ? saved / v.in : null,
    estimated_cost_saved: price === null ? null : round((saved / unit) * price),
  };
}

/**
 * Volume with what it saved: per signal against the per-million price of its items, bytes against the price per
 * GB (10^9 bytes) ingested. A blank price gives a null estimate, never a guessed one.
 */
export function savingsFigures(v: GatewayVolume, prices: Prices) {
  return {
    signals: Object.fromEntries(SIGNALS.map((s) => [s, figures(v.signals[s], prices[PER_MILLION[s]], 1e6)])) as Record<
      SignalName,
      Figures
    >,
    bytes: figures(v.bytes, prices.per_gb_ingested, GB),
    exporters: v.exporters,
  };
}
