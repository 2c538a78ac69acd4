"use client";
import { useEffect, useRef, useState } from "react";
import { Search, X } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";

type Filters = Record<string, string>;
export type ClusterOption = { cluster_uuid: string; route_count: number };

const selectClass = "border-input h-9 rounded-md border bg-transparent px-3 text-sm";

/** Search (debounced), cluster and routing-mode filters; every change goes to the URL through `onChange`. */
export function RoutesFilters({ filters, clusters, onChange }: { filters: Filters; clusters: ClusterOption[]; onChange: (next: Filters, typing?: boolean) => void }) {
  const [q, setQ] = useState(filters.q ?? "");
  const sentQ = useRef<string | undefined>(filters.q);
  // Follow URL changes made elsewhere (back button, "clear filters"), not the echo of our own typing.
  useEffect(() => { if (filters.q !== sentQ.current) setQ(filters.q ?? ""); }, [filters.q]);
  useEffect(() => {
    if (q === (filters.q ?? "")) return;
    const t = setTimeout(() => { sentQ.current = q || undefined; onChange({ ...filters, q }, true); }, 300);
    return () => clearTimeout(t);
  }, [q, filters, onChange]);

  const set = (key: string, value: string) => onChange({ ...filters, [key]: value });
  // A cluster from the URL is offered even when the server's list predates it.
  const options = filters.cluster_uuid && !clusters.some((c) => c.cluster_uuid === filters.cluster_uuid)
    ? [...clusters, { cluster_uuid: filters.cluster_uuid, route_count: 0 }]
    : clusters;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <div className="relative">
        <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" />
        <Input aria-label="Search routes" placeholder="Hostname, namespace, service, ingress" value={q} onChange={(e) => setQ(e.target.value)} className="w-72 pl-8" />
      </div>
      <select aria-label="Cluster" className={selectClass} value={filters.cluster_uuid ?? ""} onChange={(e) => set("cluster_uuid", e.target.value)}>
        <option value="">All clusters</option>
        {options.map((c) => <option key={c.cluster_uuid} value={c.cluster_uuid}>{c.cluster_uuid} ({c.route_count})</option>)}
      </select>
      <select aria-label="Routing mode" className={selectClass} value={filters.routing_mode ?? ""} onChange={(e) => set("routing_mode", e.target.value)}>
        <option value="">Any routing mode</option>
        <option value="direct">direct</option>
        <option value="tunnel">tunnel</option>
      </select>
      {Object.values(filters).some(Boolean) && <Button variant="ghost" size="sm" onClick={() => onChange({})}><X /> Clear filters</Button>}
    </div>
  );
}
