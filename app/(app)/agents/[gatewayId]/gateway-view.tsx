"use client";
import Link from "next/link";
import useSWR from "swr";
import * as Tabs from "@radix-ui/react-tabs";
import { ChevronLeft } from "lucide-react";
import type { GatewayConfig, GatewayDetail } from "@/lib/ui/gateway-types";
import { fetchJson } from "@/lib/ui/json";
import { SHARED_TOKEN_AUDIT_ACTION } from "@/lib/opamp/shared-token";
import { cn } from "@/lib/ui/cn";
import { PageHeader } from "@/app/_components/page-header";
import { StatusBadge } from "@/app/_components/status-badge";
import { GatewayActions } from "./gateway-actions";
import { OverviewTab } from "./overview-tab";
import { ConfigTab } from "./config-tab";
import { EventsList, type History } from "./events-list";
import { LogsPanel } from "./logs-panel";
import { GatewayMetricsPanel } from "@/app/_components/charts/gateway-metrics-panel";

const REFRESH_MS = 8000;

/** The sections of a gateway's page; "logs" only where its logs can be read. */
const TABS = [
  ["overview", "Overview"],
  ["metrics", "Metrics"],
  ["config", "Configuration"],
  ["events", "Events"],
  ["logs", "Logs"],
] as const;
const tabClass = cn(
  "text-muted-foreground -mb-px border-b-2 border-transparent px-2 py-2 text-sm font-medium sm:px-3",
  "data-[state=active]:border-primary data-[state=active]:text-foreground",
);

/** The agent detail page: live detail and config from the REST routes (SWR), tabs, and the actions. */
export function GatewayView({
  initial,
  events,
  showLogs,
  canOperate,
  restartRegistration,
}: {
  initial: { detail: GatewayDetail; config: GatewayConfig };
  events: History;
  showLogs: boolean;
  canOperate: boolean;
  restartRegistration: string;
}) {
  const id = initial.detail.id;
  const opts = { refreshInterval: REFRESH_MS, keepPreviousData: true };
  const detailSwr = useSWR<GatewayDetail>(`/api/v1/gateways/${id}`, fetchJson, {
    ...opts,
    fallbackData: initial.detail,
  });
  const { data: config } = useSWR<GatewayConfig>(`/api/v1/gateways/${id}/config`, fetchJson, {
    ...opts,
    fallbackData: initial.config,
  });
  const detail = detailSwr.data ?? initial.detail;
  const gone = (detailSwr.error as { status?: number } | undefined)?.status === 404;
  const sharedToken = events.items.find((e) => e.kind === SHARED_TOKEN_AUDIT_ACTION);
  return (
    <>
      <Link
        href="/agents"
        className="text-muted-foreground hover:text-foreground mb-2 inline-flex items-center gap-1 text-sm"
      >
        <ChevronLeft className="size-4" /> Agents
      </Link>
      <PageHeader
        title={detail.name}
        description={
          <span className="inline-flex items-center gap-2">
            <code>{detail.instance_id}</code>
            <StatusBadge status={detail.status} />
          </span>
        }
        actions={
          canOperate && (
            <GatewayActions
              detail={detail}
              restartRegistration={restartRegistration}
              onChanged={() => detailSwr.mutate()}
            />
          )
        }
      />
      {gone && (
        <p role="alert" className="text-destructive mb-4 text-sm">
          This gateway no longer exists.
        </p>
      )}
      {detailSwr.error && !gone && (
        <p role="alert" className="text-destructive mb-4 text-sm">
          Could not refresh: {detailSwr.error.message}
        </p>
      )}
      {sharedToken && (
        <p role="alert" data-testid="shared-token-warning" className="mb-4 text-sm text-amber-700">
          Another collector is using this gateway&apos;s token and was refused (recorded{" "}
          {sharedToken.created_at.slice(0, 19).replace("T", " ")} UTC). Register each collector as its own gateway.
        </p>
      )}
      <Tabs.Root defaultValue="overview">
        <Tabs.List aria-label="Agent sections" className="mb-4 flex flex-wrap gap-1 border-b">
          {TABS.filter(([value]) => value !== "logs" || showLogs).map(([value, label]) => (
            <Tabs.Trigger key={value} value={value} className={tabClass}>
              {label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="overview">
          <OverviewTab detail={detail} canEditTags={canOperate} onTagsSaved={() => detailSwr.mutate()} />
        </Tabs.Content>
        <Tabs.Content value="metrics">
          <GatewayMetricsPanel gatewayId={id} />
        </Tabs.Content>
        <Tabs.Content value="config">
          <ConfigTab config={config ?? initial.config} instanceId={detail.instance_id} />
        </Tabs.Content>
        <Tabs.Content value="events">
          <EventsList gatewayId={id} initial={events} />
        </Tabs.Content>
        {showLogs && (
          <Tabs.Content value="logs">
            <LogsPanel gatewayId={id} />
          </Tabs.Content>
        )}
      </Tabs.Root>
    </>
  );
}
