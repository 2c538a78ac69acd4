"use client";
import { useCallback, useMemo } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import useSWR from "swr";
import type { TableQuery } from "@/lib/ui/query-state";
import type { RouteJson } from "@/lib/ingress-routes/serialize";
import { fetchJson } from "@/lib/ui/json";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Button } from "@/app/_components/ui/button";
import { routesColumns } from "./routes-columns";
import { RoutesFilters, type ClusterOption } from "./routes-filters";
import { ReportRoutesHelp } from "./report-routes-help";
import { readRoutesQuery, routesApiUrl, writeRoutesQuery } from "./query";

export type RouteList = { items: RouteJson[]; total: number; page: number; limit: number };

const REFRESH_MS = 10_000;

/** The Routes table: state in the URL, one server page at a time, refreshed by SWR. */
export function RoutesTable({ initial, clusters, baseUrl }: { initial: { key: string; data: RouteList } | null; clusters: ClusterOption[]; baseUrl: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = useMemo(() => readRoutesQuery(new URLSearchParams(params.toString())), [params]);
  const key = routesApiUrl(query);
  const { data, error, isValidating } = useSWR<RouteList>(key, fetchJson, {
    refreshInterval: REFRESH_MS,
    keepPreviousData: true,
    fallbackData: initial?.key === key ? initial.data : undefined,
  });

  // Native history calls update useSearchParams without a server round trip; typing replaces, the rest pushes.
  const navigate = useCallback((next: TableQuery, replace = false) => {
    const qs = writeRoutesQuery(next);
    window.history[replace ? "replaceState" : "pushState"](null, "", qs ? `${pathname}?${qs}` : pathname);
  }, [pathname]);
  const setFilters = useCallback((filters: Record<string, string>, typing?: boolean) => navigate({ ...query, filters, page: 1 }, typing), [navigate, query]);
  const columns = useMemo(() => routesColumns((cluster_uuid) => setFilters({ ...query.filters, cluster_uuid })), [setFilters, query.filters]);

  const hasFilters = Object.values(query.filters).some(Boolean);
  return (
    <>
      <RoutesFilters filters={query.filters} clusters={clusters} onChange={setFilters} />
      {error && (
        <p role="alert" className="text-destructive mb-3 text-sm">
          {data ? `Could not refresh: ${error.message}` : error.message}
        </p>
      )}
      <div aria-busy={isValidating} className={isValidating && data?.page !== query.page ? "opacity-60 transition-opacity" : undefined}>
        <DataTable
          columns={columns}
          data={data?.items ?? (error ? [] : undefined)}
          total={data?.total ?? 0}
          pagination={{ pageIndex: query.page - 1, pageSize: query.limit }}
          sorting={[]}
          onPaginationChange={(p) => navigate({ ...query, page: p.pageIndex + 1, limit: p.pageSize })}
          onSortingChange={() => {}}
          getRowId={(r) => r.id}
          rowTestId="route-row"
          empty={<NoRows hasFilters={hasFilters} total={data?.total ?? 0} failed={!!error && !data} baseUrl={baseUrl}
            onClear={() => setFilters({})} onFirstPage={() => navigate({ ...query, page: 1 })} />}
        />
      </div>
    </>
  );
}

function NoRows({ hasFilters, total, failed, baseUrl, onClear, onFirstPage }: {
  hasFilters: boolean; total: number; failed: boolean; baseUrl: string; onClear: () => void; onFirstPage: () => void;
}) {
  if (failed) return null;
  if (total > 0) {
    return <EmptyState title="This page is empty" action={<Button variant="outline" onClick={onFirstPage}>Go to the first page</Button>}>The list got shorter since this page was opened.</EmptyState>;
  }
  if (hasFilters) {
    return <EmptyState title="No routes match these filters" action={<Button variant="outline" onClick={onClear}>Clear filters</Button>}>Try another search, cluster or routing mode.</EmptyState>;
  }
  return <EmptyState title="No routes reported yet"><ReportRoutesHelp baseUrl={baseUrl} /></EmptyState>;
}
