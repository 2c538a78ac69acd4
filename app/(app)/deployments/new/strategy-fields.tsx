"use client";
import { useState } from "react";
import { Field, Radios, Select } from "@/app/_components/form-field";
import { Input } from "@/app/_components/ui/input";

type Strategy = "all_at_once" | "progressive";

const STRATEGIES: { value: Strategy; label: string }[] = [
  { value: "all_at_once", label: "All at once" },
  { value: "progressive", label: "Progressive" },
];

/** A number and its unit: a count of `count`, or a percentage of the target. */
function CountOrPercent(p: {
  id: string;
  label: string;
  value: number;
  unit: string;
  unitLabel: string;
  count: string;
  required?: boolean;
}) {
  return (
    <Field id={p.id} label={p.label}>
      <div className="flex gap-2">
        <Input
          id={p.id}
          name={p.id}
          type="number"
          min={1}
          defaultValue={p.value}
          required={p.required}
          className="w-24"
        />
        <Select
          name={p.unit}
          aria-label={p.unitLabel}
          className="border-input h-9 rounded-md border bg-transparent px-2 text-sm"
          defaultValue="count"
          options={[
            { value: "count", label: p.count },
            { value: "percent", label: "% of target" },
          ]}
        />
      </div>
    </Field>
  );
}

/** All at once, or progressive batches (count or percent) with a pause and a failure threshold that halts. */
export function StrategyFields() {
  const [type, setType] = useState<Strategy>("all_at_once");
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm font-medium">Strategy</legend>
      <div className="flex gap-4 text-sm">
        <Radios name="strategy" options={STRATEGIES} value={type} onChange={setType} />
      </div>
      <div className="flex flex-wrap items-end gap-4">
        {type === "progressive" && (
          <>
            <CountOrPercent
              id="batch_value"
              label="Batch size"
              value={10}
              unit="batch_mode"
              unitLabel="Batch unit"
              count="gateways"
              required
            />
            <Field id="pause_seconds" label="Pause between batches (s)">
              <Input id="pause_seconds" name="pause_seconds" type="number" min={0} defaultValue={0} className="w-28" />
            </Field>
          </>
        )}
        <CountOrPercent
          id="failure_threshold"
          label="Failure threshold"
          value={1}
          unit="threshold_mode"
          unitLabel="Threshold unit"
          count="failures"
        />
      </div>
      <p className="text-muted-foreground text-xs">
        Reaching the threshold (failed or timed-out gateways) halts a progressive rollout before its next batch; an
        all-at-once rollout then ends as failed.
      </p>
    </fieldset>
  );
}
