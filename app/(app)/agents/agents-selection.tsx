"use client";
import { useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import type { GatewayListItem } from "@/lib/ui/gateway-types";
import type { Filters } from "@/app/_components/table-filters";
import { Button } from "@/app/_components/ui/button";
import type { Selection } from "./bulk-request";

/**
 * Row selection for a server-paged table: ids ticked on the pages seen, or "all N matching" (the filters
 * themselves, resolved by the server). A filter change clears it, so an action never hits rows no longer shown.
 */
export function useAgentSelection(filters: Filters, pageIds: string[], total: number) {
  const [ids, setIds] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const filterKey = JSON.stringify(filters);
  const [selectedFor, setSelectedFor] = useState(filterKey);
  if (selectedFor !== filterKey) {
    setSelectedFor(filterKey);
    setIds(new Set());
    setAllMatching(false);
  }
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => ids.has(id));
  const clear = () => {
    setIds(new Set());
    setAllMatching(false);
  };
  const toggle = (id: string, on: boolean) => {
    // Unticking one row out of "all matching" leaves the rest of this page ticked.
    const next = new Set(allMatching ? pageIds : ids);
    if (on) next.add(id);
    else next.delete(id);
    setAllMatching(false);
    setIds(next);
  };
  const togglePage = (on: boolean) => {
    const next = new Set(allMatching ? [] : ids);
    for (const id of pageIds)
      if (on) next.add(id);
      else next.delete(id);
    setAllMatching(false);
    setIds(next);
  };
  const selection: Selection | null = allMatching ? { filters, total } : ids.size > 0 ? { ids: [...ids] } : null;
  const column: ColumnDef<GatewayListItem> = {
    id: "select",
    header: () => (
      <input
        type="checkbox"
        aria-label="Select this page"
        className="size-4 align-middle"
        checked={allMatching || allOnPage}
        onChange={(e) => togglePage(e.target.checked)}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.name}`}
        className="size-4 align-middle"
        checked={allMatching || ids.has(row.original.id)}
        onChange={(e) => toggle(row.original.id, e.target.checked)}
      />
    ),
  };
  const banner =
    allMatching || (allOnPage && total > pageIds.length) ? (
      <p className="bg-muted rounded-md px-3 py-2 text-sm" data-testid="selection-banner">
        {allMatching ? (
          <>All {total.toLocaleString("en-US")} gateways matching the filters are selected. </>
        ) : (
          <>All {pageIds.length} gateways on this page are selected. </>
        )}
        <Button variant="link" className="h-auto p-0" onClick={() => (allMatching ? clear() : setAllMatching(true))}>
          {allMatching ? "Clear selection" : `Select all ${total.toLocaleString("en-US")} matching the filters`}
        </Button>
      </p>
    ) : null;
  return { selection, column, banner, clear };
}
