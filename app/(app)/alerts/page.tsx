import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listAlertChannels } from "@/lib/alerts/channels";
import { listAlertNotifications, listAlertRules } from "@/lib/alerts/queries";
import { formatSelector } from "@/lib/deployments/schemas";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/page-header";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { ChannelsCard } from "./channels-card";
import { RulesCard, type RuleRow } from "./rules-card";
import { NotificationsTable } from "./notifications-table";

export const metadata = { title: "Alerts" };

function describeRule(r: {
  kind: string;
  params: {
    selector?: Record<string, string | null>;
    for_minutes?: number;
    health?: string[];
    days?: number;
    threshold_percent?: number;
  };
}) {
  const scope =
    r.params.selector && Object.keys(r.params.selector).length ? ` tagged ${formatSelector(r.params.selector)}` : "";
  switch (r.kind) {
    case "gateway_down":
      return `A gateway${scope} is ${(r.params.health ?? []).join(" or ")} for ${r.params.for_minutes} min`;
    case "deployment_failed":
      return "A deployment halts or fails";
    case "token_expiring":
      return `A registration or OpAMP token expires within ${r.params.days} days`;
    default:
      return `Fewer than ${r.params.threshold_percent}% of gateways${scope} are healthy`;
  }
}

export default async function AlertsPage() {
  const ctx = await requireSessionContext();
  const [channels, rules, notifications] = await Promise.all([
    listAlertChannels(ctx, { limit: 200 }),
    listAlertRules(ctx, { limit: 200 }),
    listAlertNotifications(ctx, { limit: 100 }),
  ]);
  const channelName = new Map(channels.items.map((c) => [c.id, c.name]));
  const ruleRows: RuleRow[] = rules.items.map((r) => ({
    id: r.id,
    name: r.name,
    condition: describeRule(r),
    channel: r.channel_id ? (channelName.get(r.channel_id) ?? "?") : "All channels",
    enabled: r.enabled,
    firing: r.firing,
  }));
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules watch the fleet; each firing and each resolve is posted once to your webhooks, signed."
      />
      <AutoRefresh ms={15_000} />
      <div className="grid gap-6">
        <RulesCard
          rules={ruleRows}
          channels={channels.items.map((c) => ({ id: c.id, name: c.name }))}
          canManage={can(ctx, "alerts.manage_rules")}
        />
        <ChannelsCard
          channels={channels.items.map((c) => ({ id: c.id, name: c.name, kind: c.kind, url: c.url }))}
          canManage={can(ctx, "alerts.manage_channels")}
          canTest={can(ctx, "alerts.test_channel")}
        />
        <Card>
          <CardHeader>
            <CardTitle>Notifications</CardTitle>
            <CardDescription>The newest 100, with the delivery to each channel.</CardDescription>
          </CardHeader>
          <CardContent>
            <NotificationsTable
              items={notifications.items.map((n) => ({
                id: n.id,
                event: n.event,
                rule: n.rule.name,
                subject: n.subject.label,
                summary: n.summary,
                at: n.created_at.toISOString(),
                deliveries: n.deliveries.map((d) => ({
                  channel: d.channel_name,
                  status: d.status,
                  attempts: d.attempts,
                  error: d.last_error,
                })),
              }))}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
