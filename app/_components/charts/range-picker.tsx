"use client";
import { cn } from "@/lib/ui/cn";
import { RANGES } from "./ranges";

/** Buttons choosing the charts' window. */
export function RangePicker({ value, onChange }: { value: number; onChange: (ms: number) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-md border text-xs">
      {RANGES.map((r) => (
        <button
          key={r.label}
          type="button"
          aria-pressed={r.ms === value}
          onClick={() => onChange(r.ms)}
          className={cn("px-2.5 py-1", r.ms === value ? "bg-accent font-medium" : "text-muted-foreground")}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
