"use client";
import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { Button } from "./ui/button";

import type { UrlTable } from "./use-url-table";

/**
 * What a filtered, paged list shows without rows: nothing when the fetch failed (the error line says why), a way
 * back when this page emptied, a way out of filters that match nothing, else `children` (the first-time help).
 */
export function NoRows({
  source,
  noun,
  filterHint,
  children,
}: {
  source: UrlTable<{ total: number }>;
  noun: string;
  filterHint: string;
  children: ReactNode;
}) {
  const { query, data, error } = source;
  if (error && !data) return null;
  if ((data?.total ?? 0) > 0) {
    return (
      <EmptyState
        title="This page is empty"
        action={
          <Button variant="outline" onClick={() => source.navigate({ ...query, page: 1 })}>
            Go to the first page
          </Button>
        }
      >
        The list got shorter since this page was opened.
      </EmptyState>
    );
  }
  if (Object.values(query.filters).some(Boolean)) {
    return (
      <EmptyState
        title={`No ${noun} match these filters`}
        action={
          <Button variant="outline" onClick={() => source.setFilters({})}>
            Clear filters
          </Button>
        }
      >
        {filterHint}
      </EmptyState>
    );
  }
  return children;
}
