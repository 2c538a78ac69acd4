"use client";
import { useCallback, useMemo } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import useSWR from "swr";
import type { TableQuery, TableUrlState } from "@/lib/ui/query-state";
import { fetchJson } from "@/lib/ui/json";

/** A list table's state kept in the URL, its page fetched from the REST route and refreshed by SWR without flicker. */
export function useUrlTable<T>(state: TableUrlState, initial: { key: string; data: T } | null, refreshMs: number) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = useMemo(() => state.read(new URLSearchParams(params.toString())), [state, params]);
  const key = state.apiUrl(query);
  const { data, error, isValidating } = useSWR<T>(key, fetchJson, {
    refreshInterval: refreshMs,
    keepPreviousData: true,
    fallbackData: initial?.key === key ? initial.data : undefined,
  });

  // Native history calls update useSearchParams without a server round trip; typing replaces, the rest pushes.
  const navigate = useCallback(
    (next: TableQuery, replace = false) => {
      const qs = state.write(next);
      window.history[replace ? "replaceState" : "pushState"](null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [state, pathname],
  );
  const setFilters = useCallback(
    (filters: Record<string, string>, typing?: boolean) => navigate({ ...query, filters, page: 1 }, typing),
    [navigate, query],
  );
  return { query, data, error: error as Error | undefined, isValidating, navigate, setFilters };
}

export type UrlTable<T> = ReturnType<typeof useUrlTable<T>>;
