"use client";
import { useMemo, useState } from "react";
import { useSWRConfig } from "swr";
import type { SortingState } from "@tanstack/react-table";
import type { GatewayList } from "@/lib/ui/gateway-types";
import { NoRows } from "@/app/_components/no-rows";
import { PagedTable } from "@/app/_components/paged-table";
import { useUrlTable } from "@/app/_components/use-url-table";
import { NoGatewaysYet } from "@/app/_components/empty-state";
import { agentsColumns } from "./agents-columns";
import { AgentsFilters } from "./agents-filters";
import { agentsQuery } from "./query";
import { useAgentSelection } from "./agents-selection";
import { BulkActions } from "./bulk-actions";
import { selectionCount, summaryText } from "./bulk-request";
import { SavedViews, useColumnChooser, type SavedView } from "./table-prefs";

const REFRESH_MS = 8000;

/** The Agents table: state in the URL, one server page at a time, refreshed by SWR without flicker. */
export function AgentsTable({
  initial,
  canAct,
  hiddenColumns,
  views,
}: {
  initial: { key: string; data: GatewayList } | null;
  /** Whether the caller may run the bulk actions (operator or above): viewers get no selection column. */
  canAct: boolean;
  hiddenColumns: string[];
  views: SavedView[];
}) {
  const source = useUrlTable(agentsQuery, initial, REFRESH_MS);
  const { query, navigate, setFilters } = source;
  const { mutate } = useSWRConfig();
  const [summary, setSummary] = useState<string | null>(null);
  const pageIds = useMemo(() => source.data?.items.map((g) => g.id) ?? [], [source.data]);
  const select = useAgentSelection(query.filters, pageIds, source.data?.total ?? 0);
  const base = useMemo(
    () =>
      agentsColumns(
        (tag) => setFilters({ ...query.filters, tag }),
        (template_id) => setFilters({ ...query.filters, template_id }),
      ),
    [setFilters, query.filters],
  );
  const { hidden, chooser } = useColumnChooser(hiddenColumns);
  const shown = base.filter((c) => !hidden.has(c.id ?? (c as { accessorKey?: string }).accessorKey ?? ""));
  const columns = canAct ? [select.column, ...shown] : shown;

  // No ?sort means the route's default order (name, ascending): show it as such.
  const sorting: SortingState = [{ id: query.sort ?? "name", desc: !!query.sort && query.order === "desc" }];
  return (
    <>
      <AgentsFilters filters={query.filters} onChange={setFilters} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <SavedViews initial={views} currentQuery={agentsQuery.write({ ...query, page: 1 })} />
        {chooser}
      </div>
      {summary && (
        <p role="status" className="text-sm" data-testid="bulk-summary">
          {summary}
        </p>
      )}
      {select.selection && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2" data-testid="bulk-bar">
          <span className="text-sm font-medium">
            {selectionCount(select.selection).toLocaleString("en-US")} selected
          </span>
          <BulkActions
            selection={select.selection}
            onDone={(s) => {
              setSummary(summaryText(s));
              select.clear();
              void mutate((key) => typeof key === "string" && key.startsWith("/api/v1/gateways"));
            }}
          />
        </div>
      )}
      {select.banner}
      <PagedTable
        source={source}
        columns={columns}
        sorting={sorting}
        onSortingChange={(s) =>
          navigate({ ...query, page: 1, sort: s[0]?.id, order: s[0] ? (s[0].desc ? "desc" : "asc") : undefined })
        }
        rowTestId="agent-row"
        empty={
          <NoRows source={source} noun="gateways" filterHint="Try another search, status, health or tag.">
            <NoGatewaysYet>
              <ol className="list-inside list-decimal space-y-1 text-left">
                <li>Create a registration token.</li>
                <li>
                  Start the gateway with it as <code>REGISTRATION_TOKEN</code> (the token page shows the{" "}
                  <code>docker run</code> line).
                </li>
                <li>
                  The gateway registers, connects over OpAMP and shows up here, turning healthy with its first
                  heartbeat.
                </li>
              </ol>
            </NoGatewaysYet>
          </NoRows>
        }
      />
    </>
  );
}
