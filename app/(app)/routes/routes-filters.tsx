"use client";
import { ClearFilters, SearchFilter, selectClass, type Filters } from "@/app/_components/table-filters";

export type ClusterOption = { cluster_uuid: string; route_count: number };

/** Search (debounced), cluster and routing-mode filters; every change goes to the URL through `onChange`. */
export function RoutesFilters({
  filters,
  clusters,
  onChange,
}: {
  filters: Filters;
  clusters: ClusterOption[];
  onChange: (next: Filters, typing?: boolean) => void;
}) {
  const set = (key: string, value: string) => onChange({ ...filters, [key]: value });
  // A cluster from the URL is offered even when the server's list predates it.
  const options =
    filters.cluster_uuid && !clusters.some((c) => c.cluster_uuid === filters.cluster_uuid)
      ? [...clusters, { cluster_uuid: filters.cluster_uuid, route_count: 0 }]
      : clusters;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <SearchFilter
        filters={filters}
        onChange={onChange}
        label="Search routes"
        placeholder="Hostname, namespace, service, ingress"
      />
      <select
        aria-label="Cluster"
        className={selectClass}
        value={filters.cluster_uuid ?? ""}
        onChange={(e) => set("cluster_uuid", e.target.value)}
      >
        <option value="">All clusters</option>
        {options.map((c) => (
          <option key={c.cluster_uuid} value={c.cluster_uuid}>
            {c.cluster_uuid} ({c.route_count})
          </option>
        ))}
      </select>
      <select
        aria-label="Routing mode"
        className={selectClass}
        value={filters.routing_mode ?? ""}
        onChange={(e) => set("routing_mode", e.target.value)}
      >
        <option value="">Any routing mode</option>
        <option value="direct">direct</option>
        <option value="tunnel">tunnel</option>
      </select>
      <ClearFilters filters={filters} onChange={onChange} />
    </div>
  );
}
