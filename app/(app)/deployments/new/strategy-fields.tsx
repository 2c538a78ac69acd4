"use client";
import { useState } from "react";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";

const select = "border-input h-9 rounded-md border bg-transparent px-2 text-sm";

/** All at once, or progressive batches (count or percent) with a pause and a failure threshold that halts. */
export function StrategyFields() {
  const [type, setType] = useState<"all_at_once" | "progressive">("all_at_once");
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm font-medium">Strategy</legend>
      <div className="flex gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="strategy"
            value="all_at_once"
            checked={type === "all_at_once"}
            onChange={() => setType("all_at_once")}
          />{" "}
          All at once
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="strategy"
            value="progressive"
            checked={type === "progressive"}
            onChange={() => setType("progressive")}
          />{" "}
          Progressive
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        {type === "progressive" && (
          <>
            <div className="grid gap-2">
              <Label htmlFor="batch_value">Batch size</Label>
              <div className="flex gap-2">
                <Input
                  id="batch_value"
                  name="batch_value"
                  type="number"
                  min={1}
                  defaultValue={10}
                  required
                  className="w-24"
                />
                <select name="batch_mode" aria-label="Batch unit" className={select} defaultValue="count">
                  <option value="count">gateways</option>
                  <option value="percent">% of target</option>
                </select>
              </div>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="pause_seconds">Pause between batches (s)</Label>
              <Input id="pause_seconds" name="pause_seconds" type="number" min={0} defaultValue={0} className="w-28" />
            </div>
          </>
        )}
        <div className="grid gap-2">
          <Label htmlFor="failure_threshold">Failure threshold</Label>
          <div className="flex gap-2">
            <Input
              id="failure_threshold"
              name="failure_threshold"
              type="number"
              min={1}
              defaultValue={1}
              className="w-24"
            />
            <select name="threshold_mode" aria-label="Threshold unit" className={select} defaultValue="count">
              <option value="count">failures</option>
              <option value="percent">% of target</option>
            </select>
          </div>
        </div>
      </div>
      <p className="text-muted-foreground text-xs">
        Reaching the threshold (failed or timed-out gateways) halts a progressive rollout before its next batch; an
        all-at-once rollout then ends as failed.
      </p>
    </fieldset>
  );
}
