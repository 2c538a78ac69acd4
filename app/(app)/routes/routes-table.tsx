"use client";
import { useMemo } from "react";
import type { RouteJson } from "@/lib/ingress-routes/serialize";
import { NoRows } from "@/app/_components/no-rows";
import { PagedTable } from "@/app/_components/paged-table";
import { useUrlTable } from "@/app/_components/use-url-table";
import { EmptyState } from "@/app/_components/empty-state";
import { routesColumns } from "./routes-columns";
import { RoutesFilters, type ClusterOption } from "./routes-filters";
import { ReportRoutesHelp } from "./report-routes-help";
import { routesQuery } from "./query";

export type RouteList = { items: RouteJson[]; total: number; page: number; limit: number };

const REFRESH_MS = 10_000;

/** The Routes table: state in the URL, one server page at a time, refreshed by SWR. */
export function RoutesTable({
  initial,
  clusters,
  baseUrl,
}: {
  initial: { key: string; data: RouteList } | null;
  clusters: ClusterOption[];
  baseUrl: string;
}) {
  const source = useUrlTable(routesQuery, initial, REFRESH_MS);
  const { query, setFilters } = source;
  const columns = useMemo(
    () => routesColumns((cluster_uuid) => setFilters({ ...query.filters, cluster_uuid })),
    [setFilters, query.filters],
  );
  return (
    <>
      <RoutesFilters filters={query.filters} clusters={clusters} onChange={setFilters} />
      <PagedTable
        source={source}
        columns={columns}
        showBusy
        rowTestId="route-row"
        empty={
          <NoRows source={source} noun="routes" filterHint="Try another search, cluster or routing mode.">
            <EmptyState title="No routes reported yet">
              <ReportRoutesHelp baseUrl={baseUrl} />
            </EmptyState>
          </NoRows>
        }
      />
    </>
  );
}
