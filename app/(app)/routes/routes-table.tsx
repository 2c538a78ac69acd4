"use client";
import { useMemo } from "react";
import type { RouteJson } from "@/lib/ingress-routes/serialize";
import { PagedTable } from "@/app/_components/paged-table";
import { useUrlTable } from "@/app/_components/use-url-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Button } from "@/app/_components/ui/button";
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
  const { query, data, error, isValidating, navigate, setFilters } = useUrlTable(routesQuery, initial, REFRESH_MS);
  const columns = useMemo(
    () => routesColumns((cluster_uuid) => setFilters({ ...query.filters, cluster_uuid })),
    [setFilters, query.filters],
  );

  const hasFilters = Object.values(query.filters).some(Boolean);
  return (
    <>
      <RoutesFilters filters={query.filters} clusters={clusters} onChange={setFilters} />
      <PagedTable
        query={query}
        onPage={(p) => navigate({ ...query, ...p })}
        data={data}
        error={error}
        columns={columns}
        busy={isValidating}
        getRowId={(r) => r.id}
        rowTestId="route-row"
        empty={
          <NoRows
            hasFilters={hasFilters}
            total={data?.total ?? 0}
            failed={!!error && !data}
            baseUrl={baseUrl}
            onClear={() => setFilters({})}
            onFirstPage={() => navigate({ ...query, page: 1 })}
          />
        }
      />
    </>
  );
}

function NoRows({
  hasFilters,
  total,
  failed,
  baseUrl,
  onClear,
  onFirstPage,
}: {
  hasFilters: boolean;
  total: number;
  failed: boolean;
  baseUrl: string;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  if (failed) return null;
  if (total > 0) {
    return (
      <EmptyState
        title="This page is empty"
        action={
          <Button variant="outline" onClick={onFirstPage}>
            Go to the first page
          </Button>
        }
      >
        The list got shorter since this page was opened.
      </EmptyState>
    );
  }
  if (hasFilters) {
    return (
      <EmptyState
        title="No routes match these filters"
        action={
          <Button variant="outline" onClick={onClear}>
            Clear filters
          </Button>
        }
      >
        Try another search, cluster or routing mode.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No routes reported yet">
      <ReportRoutesHelp baseUrl={baseUrl} />
    </EmptyState>
  );
}
