"use client";
import { useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/lib/ui/cn";
import type { FieldChange, Flat, RecordView } from "./view-model";

const PAGE = 25;

const changeClass: Record<FieldChange, string> = {
  added: "bg-success/15 text-success",
  changed: "bg-warning/25",
  removed: "bg-destructive/15 text-destructive line-through",
};

/** Each sample record before → after, changed fields coloured; dropped records greyed out unless hidden. */
export function PreviewTable({ records }: { records: RecordView[] }) {
  const [showDropped, setShowDropped] = useState(true);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [page, setPage] = useState(0);
  const shown = records.filter(
    (r) =>
      (showDropped || r.status !== "dropped") &&
      (!onlyChanged || r.status !== "kept" || Object.keys(r.changes).length > 0),
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  // A filter change starts again from the first page.
  const refilter = (set: (on: boolean) => void) => (on: boolean) => {
    set(on);
    setPage(0);
  };
  return (
    <section aria-label="Records before and after" className="grid gap-2">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <FilterCheckbox label="Show dropped" checked={showDropped} onChange={refilter(setShowDropped)} />
        <FilterCheckbox label="Only changed or dropped" checked={onlyChanged} onChange={refilter(setOnlyChanged)} />
        <span className="text-muted-foreground ml-auto text-xs">
          {shown.length === 0
            ? "No records"
            : `${current * PAGE + 1}–${Math.min(shown.length, (current + 1) * PAGE)} of ${shown.length}`}
        </span>
        <Button type="button" variant="outline" size="sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
          Previous
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={current >= pages - 1}
          onClick={() => setPage(current + 1)}
        >
          Next
        </Button>
      </div>
      <ol className="grid gap-2" data-testid="preview-records">
        {shown.slice(current * PAGE, (current + 1) * PAGE).map((r) => (
          <li
            key={r.index}
            data-testid="preview-record"
            data-status={r.status}
            className={cn(
              "grid gap-2 rounded-md border p-2 text-xs md:grid-cols-2",
              r.status === "dropped" && "bg-muted/50 text-muted-foreground",
            )}
          >
            <div className="grid gap-1">
              <div className="flex items-center gap-2">
                <span className="font-medium">#{r.index + 1} before</span>
                {r.status === "dropped" && (
                  <Badge variant="outline" data-testid="dropped-badge">
                    Dropped
                  </Badge>
                )}
                {r.status === "errored" && (
                  <Badge variant="destructive" title={r.error}>
                    Error
                  </Badge>
                )}
              </div>
              <Fields flat={r.before} changes={r.changes} side="before" struck={r.status === "dropped"} />
            </div>
            <div className="grid gap-1" data-testid="record-after">
              <span className="font-medium">after</span>
              {r.status === "errored" && <p className="text-destructive">{r.error}</p>}
              {r.after ? (
                <Fields flat={r.after} changes={r.changes} side="after" />
              ) : (
                <p className="text-muted-foreground italic">dropped</p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Fields({
  flat,
  changes,
  side,
  struck = false,
}: {
  flat: Flat;
  changes: Record<string, FieldChange>;
  side: "before" | "after";
  struck?: boolean;
}) {
  const keys = Object.keys(flat);
  if (keys.length === 0) return <p className="text-muted-foreground italic">empty</p>;
  return (
    <dl className={cn("grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 font-mono", struck && "line-through")}>
      {keys.map((k) => {
        const change = changes[k];
        // The before side marks only removals; the after side marks additions and changes.
        const mark =
          change && ((side === "before" && change === "removed") || (side === "after" && change !== "removed"))
            ? change
            : undefined;
        return (
          <div key={k} className={cn("contents")} data-change={mark}>
            <dt className={cn("text-muted-foreground", mark && changeClass[mark])}>{k}</dt>
            <dd className={cn("break-all", mark && changeClass[mark])} data-field={k}>
              {flat[k]}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function FilterCheckbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
