"use client";
import { useMemo } from "react";
import Link from "next/link";
import type { SortingState } from "@tanstack/react-table";
import type { GatewayList } from "@/lib/ui/gateway-types";
import { PagedTable } from "@/app/_components/paged-table";
import { useUrlTable } from "@/app/_components/use-url-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Button } from "@/app/_components/ui/button";
import { agentsColumns } from "./agents-columns";
import { AgentsFilters } from "./agents-filters";
import { agentsQuery } from "./query";

const REFRESH_MS = 8000;

/** The Agents table: state in the URL, one server page at a time, refreshed by SWR without flicker. */
export function AgentsTable({ initial }: { initial: { key: string; data: GatewayList } | null }) {
  const { query, data, error, navigate, setFilters } = useUrlTable(agentsQuery, initial, REFRESH_MS);
  const columns = useMemo(
    () => agentsColumns((tag) => setFilters({ ...query.filters, tag })),
    [setFilters, query.filters],
  );

  // No ?sort means the route's default order (name, ascending): show it as such.
  const sorting: SortingState = [{ id: query.sort ?? "name", desc: !!query.sort && query.order === "desc" }];
  const hasFilters = Object.values(query.filters).some(Boolean);
  return (
    <>
      <AgentsFilters filters={query.filters} onChange={setFilters} />
      <PagedTable
        query={query}
        onPage={(p) => navigate({ ...query, ...p })}
        data={data}
        error={error}
        columns={columns}
        sorting={sorting}
        onSortingChange={(s) =>
          navigate({ ...query, page: 1, sort: s[0]?.id, order: s[0] ? (s[0].desc ? "desc" : "asc") : undefined })
        }
        getRowId={(g) => g.id}
        rowTestId="agent-row"
        empty={
          <NoRows
            hasFilters={hasFilters}
            total={data?.total ?? 0}
            failed={!!error && !data}
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
  onClear,
  onFirstPage,
}: {
  hasFilters: boolean;
  total: number;
  failed: boolean;
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
        title="No gateways match these filters"
        action={
          <Button variant="outline" onClick={onClear}>
            Clear filters
          </Button>
        }
      >
        Try another search, status, health or tag.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No gateways yet"
      action={
        <Button asChild>
          <Link href="/registration-tokens">Create a registration token</Link>
        </Button>
      }
    >
      <ol className="list-inside list-decimal space-y-1 text-left">
        <li>Create a registration token.</li>
        <li>
          Start the gateway with it as <code>REGISTRATION_TOKEN</code> (the token page shows the <code>docker run</code>{" "}
          line).
        </li>
        <li>The gateway registers, connects over OpAMP and shows up here, turning healthy with its first heartbeat.</li>
      </ol>
    </EmptyState>
  );
}
