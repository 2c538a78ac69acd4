"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { Filter, PlugZap } from "lucide-react";
import type { GatewayListItem } from "@/lib/ui/gateway-types";
import { HealthIndicator } from "@/app/_components/health-indicator";
import { StatusBadge } from "@/app/_components/status-badge";
import { TimeAgo } from "@/app/_components/time-ago";
import { Badge } from "@/app/_components/ui/badge";
import { DASH, codeOrDash } from "@/app/_components/cells";
import { Uptime } from "./uptime";
const tagText = (t: { key: string; value: string }) => (t.value ? `${t.key}=${t.value}` : t.key);

/** Column ids and labels for the column chooser (lib/preferences/schemas.ts AGENT_COLUMNS). */
export const COLUMN_LABELS: Record<string, string> = {
  instance_id: "Instance ID",
  status: "Status",
  health: "Health",
  current_config: "Current config",
  rollout_state: "Rollout",
  drift: "Config",
  version: "Version",
  otel_version: "Collector",
  os: "OS/arch",
  transport: "Transport",
  ip_address: "IP",
  active_since: "Uptime",
  tags: "Tags",
  last_seen: "Last seen",
};

/** What a gateway may lack: the deployment that set its config, its rollout in the newest deployment. */
type Optional = "current_config" | "rollout";

/** A column of something a gateway may lack: sortable by one of its fields, `none` without it. */
function optionalColumn<K extends Optional, V extends NonNullable<GatewayListItem[K]>>(
  id: string,
  header: string,
  field: K,
  sortBy: keyof V & string,
  none: ReactNode,
  render: (v: V) => ReactNode,
): ColumnDef<GatewayListItem> {
  const pick = (g: GatewayListItem) => g[field] as V | null | undefined;
  return {
    id,
    accessorFn: (g) => pick(g)?.[sortBy],
    header,
    cell: ({ row }) => {
      const v = pick(row.original);
      return v ? render(v) : none;
    },
  };
}

const NO_CONFIG = (
  <span className="text-muted-foreground" title="No deployment set this gateway's config">
    —
  </span>
);

/** Sortable columns use the list route's sort names as their ids (accessorKey), so sorting maps 1:1 to ?sort=. */
export function agentsColumns(
  onTagClick: (tag: string) => void,
  onTemplateClick: (templateId: string) => void,
): ColumnDef<GatewayListItem>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link href={`/agents/${row.original.id}`} className="font-medium hover:underline" data-testid="agent-link">
          {row.original.name}
        </Link>
      ),
    },
    {
      accessorKey: "instance_id",
      header: "Instance ID",
      cell: ({ row }) => <code className="text-xs">{row.original.instance_id}</code>,
    },
    {
      accessorKey: "status",
      header: "Status",
      cell: ({ row }) => (
        <span className="inline-flex items-center gap-1.5">
          <StatusBadge status={row.original.status} />
          {row.original.connection_state === "connected" && (
            <PlugZap
              className="text-success size-3.5"
              aria-label={`OpAMP connected (${row.original.transport ?? "unknown transport"})`}
            />
          )}
        </span>
      ),
    },
    {
      id: "health",
      header: "Health",
      cell: ({ row }) => (
        <span className="inline-flex flex-col">
          <HealthIndicator status={row.original.health.status} score={row.original.health.health_score} />
          {row.original.health.health_reason && (
            <span className="text-destructive max-w-56 truncate text-xs" title={row.original.health.health_reason}>
              {row.original.health.health_reason}
            </span>
          )}
        </span>
      ),
    },
    // accessorFn makes the column sortable; the route sorts by template name, then version.
    optionalColumn("current_config", "Current config", "current_config", "template_name", NO_CONFIG, (c) => (
      <span className="inline-flex flex-col text-xs" data-testid="current-config">
        <span className="inline-flex items-center gap-1">
          <Link href={`/templates/${c.template_id}`} className="font-medium hover:underline">
            {c.template_name}@v{c.version}
          </Link>
          <button
            type="button"
            title={`Show only gateways running ${c.template_name}`}
            aria-label={`Filter by template ${c.template_name}`}
            onClick={() => onTemplateClick(c.template_id)}
            className="text-muted-foreground hover:text-foreground"
          >
            <Filter className="size-3" />
          </button>
        </span>
        <Link
          href={`/deployments/${c.deployment_id}`}
          className="text-muted-foreground max-w-48 truncate hover:underline"
        >
          {c.deployment_name}
        </Link>
      </span>
    )),
    optionalColumn("rollout_state", "Rollout", "rollout", "state", DASH, (r) => (
      <Link href={`/deployments/${r.deployment_id}`} title={`In deployment ${r.deployment_name}`}>
        <StatusBadge status={r.state} />
      </Link>
    )),
    {
      id: "drift",
      header: "Config",
      cell: ({ row }) =>
        row.original.drift ? (
          <Badge variant="destructive" title="The effective config differs from the desired one">
            Drifted
          </Badge>
        ) : (
          <span className="text-muted-foreground">In sync</span>
        ),
    },
    {
      id: "version",
      header: "Version",
      cell: ({ row }) => row.original.agent_version ?? DASH,
    },
    {
      id: "otel_version",
      header: "Collector",
      cell: ({ row }) => row.original.otel_version ?? DASH,
    },
    {
      accessorKey: "os",
      header: "OS/arch",
      cell: ({ row }) => {
        const { os, arch } = row.original;
        if (!os && !arch) return DASH;
        return (
          <span className="text-xs">
            {os ?? "—"}
            {arch && <span className="text-muted-foreground"> / {arch}</span>}
          </span>
        );
      },
    },
    {
      accessorKey: "transport",
      header: "Transport",
      cell: ({ row }) => row.original.transport ?? DASH,
    },
    {
      accessorKey: "ip_address",
      header: "IP",
      cell: ({ row }) => codeOrDash(row.original.ip_address),
    },
    {
      accessorKey: "active_since",
      header: "Uptime",
      cell: ({ row }) => <Uptime since={row.original.active_since} />,
    },
    {
      id: "tags",
      header: "Tags",
      cell: ({ row }) => (
        <div className="flex max-w-64 flex-wrap gap-1">
          {row.original.tags.map((t) => (
            <button key={t.key} type="button" title="Filter by this tag" onClick={() => onTagClick(tagText(t))}>
              <Badge variant="outline" className="hover:bg-accent font-normal">
                {tagText(t)}
              </Badge>
            </button>
          ))}
        </div>
      ),
    },
    {
      accessorKey: "last_seen",
      header: "Last seen",
      cell: ({ row }) => <TimeAgo at={row.original.last_seen} seconds={row.original.health.seconds_since_last_seen} />,
    },
  ];
}
