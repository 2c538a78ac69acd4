"use client";
import { useCallback, useMemo } from "react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import useSWR from "swr";
import type { ColumnDef } from "@tanstack/react-table";
import type { listDeployments } from "@/lib/deployments/queries";
import { DEPLOYMENT_STATUSES } from "@/lib/deployments/schemas";
import { fetchJson, type Jsonify } from "@/lib/ui/json";
import { PagedTable } from "@/app/_components/paged-table";
import { EmptyState } from "@/app/_components/empty-state";
import { TimeAgo } from "@/app/_components/time-ago";
import { Button } from "@/app/_components/ui/button";
import { ProgressBar, RolloutBadge } from "./status";
import { deploymentsUrl, strategyLabel, targetLabel, type ListQuery as Query } from "./labels";

export type DeploymentList = Jsonify<Awaited<ReturnType<typeof listDeployments>>>;
type Row = DeploymentList["items"][number];
const columns: ColumnDef<Row>[] = [
  {
    id: "name",
    header: "Name",
    cell: ({ row }) => (
      <Link className="font-medium hover:underline" href={`/deployments/${row.original.id}`}>
        {row.original.name}
      </Link>
    ),
  },
  {
    id: "template",
    header: "Template",
    cell: ({ row }) => `${row.original.template.name} v${row.original.template.version}`,
  },
  {
    id: "target",
    header: "Target",
    cell: ({ row }) => <code className="text-xs">{targetLabel(row.original.target)}</code>,
  },
  { id: "strategy", header: "Strategy", cell: ({ row }) => strategyLabel(row.original.strategy) },
  { id: "status", header: "Status", cell: ({ row }) => <RolloutBadge status={row.original.status} /> },
  { id: "progress", header: "Progress", cell: ({ row }) => <ProgressBar progress={row.original.progress} /> },
  { id: "created", header: "Created", cell: ({ row }) => <TimeAgo at={row.original.created_at} /> },
];

/** Newest first, one server page at a time, refreshed every few seconds while rollouts move. */
export function DeploymentsTable({
  initial,
  canCreate,
}: {
  initial: { key: string; data: DeploymentList } | null;
  canCreate: boolean;
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query: Query = useMemo(
    () => ({
      page: Number(params.get("page")) || 1,
      limit: Number(params.get("limit")) || 20,
      status: params.get("status") ?? "",
    }),
    [params],
  );
  const key = deploymentsUrl(query);
  const { data, error } = useSWR<DeploymentList>(key, fetchJson, {
    refreshInterval: 3000,
    keepPreviousData: true,
    fallbackData: initial?.key === key ? initial.data : undefined,
  });
  const navigate = useCallback(
    (q: Query) => {
      const p = new URLSearchParams();
      if (q.status) p.set("status", q.status);
      if (q.page > 1) p.set("page", String(q.page));
      if (q.limit !== 20) p.set("limit", String(q.limit));
      window.history.pushState(null, "", p.size ? `${pathname}?${p}` : pathname);
    },
    [pathname],
  );

  return (
    <div className="grid gap-3">
      <label className="flex items-center gap-2 text-sm">
        Status
        <select
          aria-label="Filter by status"
          className="border-input h-9 rounded-md border bg-transparent px-2"
          value={query.status}
          onChange={(e) => navigate({ ...query, status: e.target.value, page: 1 })}
        >
          <option value="">all</option>
          {DEPLOYMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <PagedTable
        source={{ query, data, error, navigate }}
        columns={columns}
        rowTestId="deployment-row"
        pageSizes={[10, 20, 50, 100]}
        empty={
          query.status || (data?.total ?? 0) > 0 ? (
            <EmptyState
              title="No deployments here"
              action={
                <Button variant="outline" onClick={() => navigate({ page: 1, limit: query.limit, status: "" })}>
                  Show all
                </Button>
              }
            >
              Nothing matches this filter or page.
            </EmptyState>
          ) : (
            <EmptyState
              title="No deployments yet"
              action={
                canCreate ? (
                  <Button asChild>
                    <Link href="/deployments/new">New deployment</Link>
                  </Button>
                ) : undefined
              }
            >
              Roll a template version out to gateways picked by id or by tags, all at once or in batches, and watch each
              one report applied or failed.
            </EmptyState>
          )
        }
      />
    </div>
  );
}
