"use client";
import { useEffect, useRef, useState } from "react";
import { Search, X } from "lucide-react";
import { GATEWAY_STATUSES, HEALTH_STATUSES } from "@/lib/gateways/schemas";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";

type Filters = Record<string, string>;

const selectClass = "border-input h-9 rounded-md border bg-transparent px-3 text-sm";

/** Search (debounced), status, health and tag filters; every change goes to the URL through `onChange`. */
export function AgentsFilters({ filters, onChange }: { filters: Filters; onChange: (next: Filters, typing?: boolean) => void }) {
  const [q, setQ] = useState(filters.q ?? "");
  const [tag, setTag] = useState(filters.tag ?? "");
  const sentQ = useRef<string | undefined>(filters.q);
  // Follow URL changes made elsewhere (back button, a clicked tag, "clear filters"), not the echo of our own typing.
  useEffect(() => { if (filters.q !== sentQ.current) setQ(filters.q ?? ""); }, [filters.q]);
  useEffect(() => setTag(filters.tag ?? ""), [filters.tag]);
  useEffect(() => {
    if (q === (filters.q ?? "")) return;
    const t = setTimeout(() => { sentQ.current = q || undefined; onChange({ ...filters, q }, true); }, 300);
    return () => clearTimeout(t);
  }, [q, filters, onChange]);

  const set = (key: string, value: string) => onChange({ ...filters, [key]: value });
  const active = Object.values(filters).some(Boolean);
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <div className="relative">
        <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" />
        <Input aria-label="Search gateways" placeholder="Name, instance ID or hostname" value={q} onChange={(e) => setQ(e.target.value)} className="w-72 pl-8" />
      </div>
      <select aria-label="Status" className={selectClass} value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
        <option value="">Any status</option>
        {GATEWAY_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select aria-label="Health" className={selectClass} value={filters.health ?? ""} onChange={(e) => set("health", e.target.value)}>
        <option value="">Any health</option>
        {HEALTH_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <form onSubmit={(e) => { e.preventDefault(); set("tag", tag.trim()); }}>
        <Input aria-label="Tag filter" placeholder="Tag: key=value" value={tag} onChange={(e) => setTag(e.target.value)} onBlur={() => tag.trim() !== (filters.tag ?? "") && set("tag", tag.trim())} className="w-44" />
      </form>
      {active && (
        <Button variant="ghost" size="sm" onClick={() => onChange({})}><X /> Clear filters</Button>
      )}
    </div>
  );
}
