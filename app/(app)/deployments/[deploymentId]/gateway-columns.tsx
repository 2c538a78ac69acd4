"use client";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { TimeAgo } from "@/app/_components/time-ago";
import { RolloutBadge } from "../status";
import type { DeploymentDetail } from "./deployment-live";

type Row = DeploymentDetail["gateways"]["items"][number];

export const gatewayColumns: ColumnDef<Row>[] = [
  {
    id: "gateway",
    header: "Gateway",
    cell: ({ row: { original: r } }) => (
      <div className="grid">
        <Link className="font-medium hover:underline" href={`/agents/${r.gateway_id}`}>
          {r.name}
        </Link>
        <span className="text-muted-foreground text-xs">
          {r.instance_id} · {r.connection_state}
        </span>
      </div>
    ),
  },
  { id: "batch", header: "Batch", cell: ({ row }) => row.original.batch + 1 },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: r } }) =>
      r.superseded_by ? (
        <span className="grid gap-1">
          <RolloutBadge status="superseded" />
          <Link className="text-xs underline" href={`/deployments/${r.superseded_by}`}>
            by a newer deployment
          </Link>
        </span>
      ) : r.released_at ? (
        <RolloutBadge status={r.status} />
      ) : (
        <span className="text-muted-foreground text-xs">waiting for its batch</span>
      ),
  },
  {
    id: "error",
    header: "Error",
    cell: ({ row }) =>
      row.original.error_message ? (
        <span
          className="text-destructive block max-w-md text-xs break-words whitespace-pre-wrap"
          data-testid="rollout-error"
        >
          {row.original.error_message}
        </span>
      ) : null,
  },
  {
    id: "hash",
    header: "Config hash",
    cell: ({ row }) =>
      row.original.config_hash ? (
        <code className="text-xs" title={row.original.config_hash}>
          {row.original.config_hash.slice(0, 12)}
        </code>
      ) : (
        "—"
      ),
  },
  {
    id: "sent",
    header: "Sent",
    cell: ({ row }) => (row.original.sent_at ? <TimeAgo at={row.original.sent_at} /> : "—"),
  },
  {
    id: "finished",
    header: "Finished",
    cell: ({ row }) => (row.original.finished_at ? <TimeAgo at={row.original.finished_at} /> : "—"),
  },
];
