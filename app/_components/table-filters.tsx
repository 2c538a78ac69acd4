"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Search, X } from "lucide-react";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Select, type Option } from "./form-field";

export type Filters = Record<string, string>;
type FilterProps = { filters: Filters; onChange: (next: Filters, typing?: boolean) => void };

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

/** A select filter with an "any" choice first. */
export function SelectFilter({
  filters,
  onChange,
  name,
  label,
  any,
  options,
}: FilterProps & { name: string; label: string; any: string; options: readonly (string | Option)[] }) {
  return (
    <Select
      aria-label={label}
      value={filters[name] ?? ""}
      onChange={(e) => onChange({ ...filters, [name]: e.target.value })}
      options={[{ value: "", label: any }, ...options.map((o) => (typeof o === "string" ? { value: o, label: o } : o))]}
    />
  );
}

/** The row above a filtered table: the search box, the other filters given as children, and "clear filters". */
export function FilterBar({
  filters,
  onChange,
  label,
  placeholder,
  children,
}: FilterProps & { label: string; placeholder: string; children: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <SearchFilter filters={filters} onChange={onChange} label={label} placeholder={placeholder} />
      {children}
      <ClearFilters filters={filters} onChange={onChange} />
    </div>
  );
}
