"use client";
import type { ReactNode } from "react";
import type { GatewayDetail } from "@/lib/ui/gateway-types";
import { formatDuration, formatNumber, secondsSince } from "@/lib/ui/format";
import { useNow } from "@/lib/ui/use-now";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { HealthIndicator } from "@/app/_components/health-indicator";
import { StatusBadge } from "@/app/_components/status-badge";
import { TimeAgo } from "@/app/_components/time-ago";
import { ComponentHealthTree, type ComponentHealthNode } from "./component-health";
import { TagsEditor } from "./tags-editor";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
const text = (v: unknown) => (typeof v === "string" && v ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="min-w-0 break-words" data-testid={`fact-${k.toLowerCase().replace(/\s+/g, "-")}`}>
            {v ?? "—"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** Uptime keeps counting between refreshes while the gateway is up. */
function Uptime({ detail }: { detail: GatewayDetail }) {
  const now = useNow();
  const base = detail.health.uptime_seconds;
  if (base == null) return <>—</>;
  return <>{formatDuration(now !== null && detail.active_since ? secondsSince(detail.active_since, now) : base)}</>;
}

export function OverviewTab({
  detail,
  canEditTags,
  onTagsSaved,
}: {
  detail: GatewayDetail;
  canEditTags: boolean;
  onTagsSaved: () => void;
}) {
  const h = detail.health;
  const rcs = obj(detail.remote_config_status);
  const metrics = detail.metrics as GatewayDetail["metrics"] & { throughput_per_sec?: number | null };
  const routes = obj(obj(detail.metadata)?.routes);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Health">
        <Facts
          rows={[
            ["Health", <HealthIndicator key="h" status={h.status} score={h.health_score} />],
            [
              "Reason",
              h.health_reason && (
                <span className="text-destructive" data-testid="health-reason">
                  {h.health_reason}
                </span>
              ),
            ],
            ["Last seen", <TimeAgo key="t" at={h.last_seen} seconds={h.seconds_since_last_seen} />],
            ["Uptime", <Uptime key="u" detail={detail} />],
            ["Status", <StatusBadge key="s" status={detail.status} />],
          ]}
        />
      </Section>
      <Section title="Connection">
        <Facts
          rows={[
            ["OpAMP", <StatusBadge key="c" status={detail.connection_state} />],
            ["Transport", detail.transport],
            ["Hostname", detail.hostname],
            ["IP address", detail.ip_address],
            ["Registered", detail.created_at.slice(0, 19).replace("T", " ") + " UTC"],
            ["Token expires", detail.opamp_token_expires_at?.slice(0, 10)],
          ]}
        />
      </Section>
      <Section title="Version and capabilities">
        <Facts
          rows={[
            ["Agent version", detail.version.agent_version],
            ["Collector version", detail.version.otel_version],
          ]}
        />
        <div className="mt-3 flex flex-wrap gap-1" data-testid="capabilities">
          {detail.version.capabilities.length === 0 && (
            <span className="text-muted-foreground text-sm">No capabilities reported.</span>
          )}
          {detail.version.capabilities.map((c) => (
            <Badge key={c} variant="secondary" className="font-normal">
              {c}
            </Badge>
          ))}
        </div>
      </Section>
      <Section title="Tags">
        <TagsEditor gatewayId={detail.id} tags={detail.tags} editable={canEditTags} onSaved={onTagsSaved} />
      </Section>
      <Section title="Metrics">
        <Facts
          rows={[
            ["Logs processed", formatNumber(metrics.logs_processed)],
            ["Errors", formatNumber(metrics.errors)],
            ["Latency", metrics.latency_ms == null ? null : `${formatNumber(metrics.latency_ms, 1)} ms`],
            [
              "Throughput",
              metrics.throughput_per_sec == null ? null : `${formatNumber(metrics.throughput_per_sec, 1)} /s`,
            ],
            ["Updated", metrics.last_updated ? <TimeAgo key="m" at={metrics.last_updated} /> : null],
          ]}
        />
      </Section>
      <Section title="Remote config">
        {rcs ? (
          <Facts
            rows={[
              ["Status", <StatusBadge key="r" status={text(rcs.status) ?? "UNSET"} />],
              [
                "Drift",
                detail.drift ? (
                  <Badge key="d" variant="destructive">
                    Drifted
                  </Badge>
                ) : (
                  "None"
                ),
              ],
              [
                "Last failed apply",
                detail.last_apply_error && (
                  <span className="text-destructive" data-testid="last-apply-error">
                    {detail.last_apply_error.error_message ?? "Failed"} (
                    <TimeAgo at={detail.last_apply_error.failed_at} />)
                  </span>
                ),
              ],
              [
                "Error",
                text(rcs.error_message) && (
                  <span className="text-destructive" data-testid="remote-config-error">
                    {text(rcs.error_message)}
                  </span>
                ),
              ],
              [
                "Config hash",
                text(rcs.last_remote_config_hash) && (
                  <code className="text-xs">{text(rcs.last_remote_config_hash)!.slice(0, 16)}</code>
                ),
              ],
            ]}
          />
        ) : (
          <p className="text-muted-foreground text-sm">Not reported yet.</p>
        )}
      </Section>
      <Section title="Component health" className="lg:col-span-2">
        <ComponentHealthTree
          health={detail.component_health as ComponentHealthNode | null}
          offline={detail.connection_state !== "connected" || h.status === "offline"}
        />
      </Section>
      {routes && (
        <Section title="Route registry">
          <Facts
            rows={[
              ["Cluster", text(routes.cluster_uuid) && <code className="text-xs">{text(routes.cluster_uuid)}</code>],
              ["Routes", formatNumber(num(routes.route_count))],
              ["Routing mode", text(routes.routing_mode)],
            ]}
          />
        </Section>
      )}
    </div>
  );
}
