"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { Lock } from "lucide-react";
import type { RouteJson } from "@/lib/ingress-routes/serialize";
import { TimeAgo } from "@/app/_components/time-ago";
import { Badge } from "@/app/_components/ui/badge";
import { DASH, codeOrDash } from "@/app/_components/cells";

/** Rows come sorted by hostname and path from the server; columns are not sortable. */
export function routesColumns(onClusterClick: (cluster: string) => void): ColumnDef<RouteJson>[] {
  const columns: ColumnDef<RouteJson>[] = [
    {
      accessorKey: "hostname",
      header: "Hostname",
      cell: ({ row }) => (
        <span className="font-medium" data-testid="route-hostname">
          {row.original.hostname}
        </span>
      ),
    },
    {
      accessorKey: "cluster_uuid",
      header: "Cluster",
      cell: ({ row }) => (
        <button
          type="button"
          className="hover:underline"
          title="Show only this cluster"
          onClick={() => onClusterClick(row.original.cluster_uuid)}
        >
          <code className="text-xs">{row.original.cluster_uuid}</code>
        </button>
      ),
    },
    {
      id: "backend",
      header: "Namespace / service:port",
      cell: ({ row }) => (
        <code className="text-xs">{`${row.original.namespace}/${row.original.service_name}:${row.original.service_port}`}</code>
      ),
    },
    {
      accessorKey: "path",
      header: "Path",
      cell: ({ row }) => (
        <span title={row.original.path_type}>
          <code className="text-xs">{row.original.path}</code>{" "}
          <span className="text-muted-foreground text-xs">{row.original.path_type}</span>
        </span>
      ),
    },
    {
      accessorKey: "tls",
      header: "TLS",
      cell: ({ row }) =>
        row.original.tls ? (
          <Badge variant="success">
            <Lock className="size-3" /> TLS
          </Badge>
        ) : (
          DASH
        ),
    },
    {
      accessorKey: "routing_mode",
      header: "Routing mode",
      cell: ({ row }) => (
        <Badge variant={row.original.routing_mode === "direct" ? "default" : "secondary"}>
          {row.original.routing_mode}
        </Badge>
      ),
    },
    {
      accessorKey: "public_endpoint",
      header: "Public endpoint",
      cell: ({ row }) => codeOrDash(row.original.public_endpoint),
    },
    { accessorKey: "updated_at", header: "Updated", cell: ({ row }) => <TimeAgo at={row.original.updated_at} /> },
  ];
  return columns.map((c) => ({ ...c, enableSorting: false }));
}
