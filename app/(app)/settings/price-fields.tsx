import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { PRICE_KEYS, type Prices } from "@/lib/settings/prices";

const LABELS: Record<(typeof PRICE_KEYS)[number], string> = {
  per_gb_ingested: "Per GB ingested",
  per_million_data_points: "Per million data points",
  per_million_spans: "Per million spans",
  per_million_log_records: "Per million log records",
  per_active_series: "Per active series",
};

/** The org's backend prices: blank until someone enters their contract's figures (no vendor prices are assumed). */
export function PriceFields({ prices, disabled }: { prices: Prices; disabled: boolean }) {
  return (
    <fieldset className="grid gap-3" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">Backend prices</legend>
      <p className="text-muted-foreground text-xs">
        What your observability backend charges, in your billing currency. Used to estimate the cost saved on the
        savings figures; leave blank to show volumes only.
      </p>
      <div className="flex flex-wrap gap-6">
        {PRICE_KEYS.map((k) => (
          <div key={k} className="grid gap-1.5">
            <Label htmlFor={`price_${k}`}>{LABELS[k]}</Label>
            <Input
              id={`price_${k}`}
              name={`price_${k}`}
              type="number"
              step="any"
              min={0}
              defaultValue={prices[k] ?? ""}
              placeholder="not set"
              className="w-48"
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
