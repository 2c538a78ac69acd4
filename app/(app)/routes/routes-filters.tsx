"use client";
import { FilterBar, SelectFilter, type Filters } from "@/app/_components/table-filters";

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
  // A cluster from the URL is offered even when the server's list predates it.
  const options =
    filters.cluster_uuid && !clusters.some((c) => c.cluster_uuid === filters.cluster_uuid)
      ? [...clusters, { cluster_uuid: filters.cluster_uuid, route_count: 0 }]
      : clusters;
  const props = { filters, onChange };
  return (
    <FilterBar {...props} label="Search routes" placeholder="Hostname, namespace, service, ingress">
      <SelectFilter
        {...props}
        name="cluster_uuid"
        label="Cluster"
        any="All clusters"
        options={options.map((c) => ({ value: c.cluster_uuid, label: `${c.cluster_uuid} (${c.route_count})` }))}
      />
      <SelectFilter
        {...props}
        name="routing_mode"
        label="Routing mode"
        any="Any routing mode"
        options={["direct", "tunnel"]}
      />
    </FilterBar>
  );
}
