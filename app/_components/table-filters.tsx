"use client";
import { useEffect, useRef, useState } from "react";
import { Search, X } from "lucide-react";
import { Button } from "./ui/button";
import { Input } from "./ui/input";

export type Filters = Record<string, string>;
type FilterProps = { filters: Filters; onChange: (next: Filters, typing?: boolean) => void };

export const selectClass = "border-input h-9 rounded-md border bg-transparent px-3 text-sm";

/** The `q` filter, sent to the URL 300 ms after typing stops (replacing the history entry, see `typing`). */
export function SearchFilter({
  filters,
  onChange,
  label,
  placeholder,
}: FilterProps & { label: string; placeholder: string }) {
  const [q, setQ] = useState(filters.q ?? "");
  const sentQ = useRef<string | undefined>(filters.q);
  // Follow URL changes made elsewhere (back button, a clicked cell, "clear filters"), not the echo of our own typing.
  useEffect(() => {
    if (filters.q !== sentQ.current) setQ(filters.q ?? "");
  }, [filters.q]);
  useEffect(() => {
    if (q === (filters.q ?? "")) return;
    const t = setTimeout(() => {
      sentQ.current = q || undefined;
      onChange({ ...filters, q }, true);
    }, 300);
    return () => clearTimeout(t);
  }, [q, filters, onChange]);
  return (
    <div className="relative">
      <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" />
      <Input
        aria-label={label}
        placeholder={placeholder}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="w-72 pl-8"
      />
    </div>
  );
}

/** Shown only while some filter is set. */
export function ClearFilters({ filters, onChange }: FilterProps) {
  if (!Object.values(filters).some(Boolean)) return null;
  return (
    <Button variant="ghost" size="sm" onClick={() => onChange({})}>
      <X /> Clear filters
    </Button>
  );
}
