"use client";
import { useState } from "react";
import useSWR from "swr";
import type { listGatewayHistory } from "@/lib/gateways/history";
import { fetchJson } from "@/lib/ui/json";
import { EmptyState } from "@/app/_components/empty-state";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
import { Button } from "@/app/_components/ui/button";

export type History = Awaited<ReturnType<typeof listGatewayHistory>>;
type Item = History["items"][number];

const actorText = (a: string) => (a === "system" ? "FlowGate" : a.split(":")[0].replace(/_/g, " "));

const columns: Column<Item>[] = [
  {
    header: "When (UTC)",
    className: "whitespace-nowrap",
    cell: (e) => <time dateTime={e.created_at}>{e.created_at.slice(0, 19).replace("T", " ")}</time>,
  },
  {
    header: "Event",
    className: "font-medium",
    props: () => ({ "data-testid": "event-message" }),
    cell: (e) => e.message,
  },
  { header: "Seen by", cell: (e) => actorText(e.actor) },
];

/** The gateway's history, newest first, a page at a time; the first page comes with the page and refreshes. */
export function EventsList({ gatewayId, initial }: { gatewayId: string; initial: History }) {
  const [page, setPage] = useState(1);
  const { data } = useSWR<History>(
    `/api/v1/gateways/${gatewayId}/events?page=${page}&limit=${initial.limit}`,
    fetchJson,
    {
      fallbackData: page === 1 ? initial : undefined,
      keepPreviousData: true,
      refreshInterval: page === 1 ? 8000 : 0,
    },
  );
  const history = data ?? initial;
  if (history.total === 0)
    return (
      <EmptyState title="No events yet">
        Connections, configs sent and applied, health changes, restarts and people&apos;s actions on this gateway appear
        here.
      </EmptyState>
    );
  const pages = Math.max(1, Math.ceil(history.total / history.limit));
  return (
    <div className="grid gap-3">
      <SimpleTable columns={columns} rows={history.items} rowKey={(e) => e.id} rowTestId="event-row" />
      {pages > 1 && (
        <div className="flex items-center justify-end gap-2 text-sm">
          <span className="text-muted-foreground">
            Page {page} of {pages}
          </span>
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </Button>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older
          </Button>
        </div>
      )}
    </div>
  );
}
