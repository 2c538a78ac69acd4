import Link from "next/link";
import { requireSessionContext } from "@/lib/auth/session";
import { getFleetSummary } from "@/lib/gateways/fleet-summary";
import { listGateways } from "@/lib/gateways/queries";
import { getFleetHealthHistory } from "@/lib/alerts/snapshots";
import { cn } from "@/lib/ui/cn";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { NoGatewaysYet } from "@/app/_components/empty-state";
import { HealthIndicator } from "@/app/_components/health-indicator";
import { PageHeader } from "@/app/_components/page-header";
import { TimeAgo } from "@/app/_components/time-ago";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FleetHealthChart, HEALTH_SERIES } from "./fleet-health-chart";
import { FleetVolumeCard } from "@/app/_components/charts/fleet-volume-card";

export const metadata = { title: "Dashboard" };

function Stat({ label, value, href, tone }: { label: string; value: number; href?: string; tone?: string }) {
  const body = (
    <Card
      className="hover:bg-accent/40 gap-1 py-4 transition-colors"
      data-testid={`stat-${label.toLowerCase().replace(/\s+/g, "-")}`}
    >
      <CardContent className="grid gap-1">
        <span className="text-muted-foreground text-sm">{label}</span>
        <span className={cn("text-3xl font-semibold tabular-nums", tone)} data-testid="stat-value">
          {value}
        </span>
      </CardContent>
    </Card>
  );
  return href ? <Link href={href}>{body}</Link> : body;
}

/** The last gateways to register, with their health. */
function NewestRegistrations({ gateways }: { gateways: Awaited<ReturnType<typeof listGateways>>["items"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Newest registrations</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y" data-testid="newest-registrations">
          {gateways.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
              <span className="flex items-center gap-3">
                <Link href={`/agents/${g.id}`} className="font-medium hover:underline">
                  {g.name}
                </Link>
                <code className="text-muted-foreground text-xs">{g.instance_id}</code>
              </span>
              <span className="flex items-center gap-4">
                <HealthIndicator status={g.health.status} score={g.health.health_score} />
                <span className="text-muted-foreground">
                  registered <TimeAgo at={g.created_at.toISOString()} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

export default async function DashboardPage() {
  const ctx = await requireSessionContext();
  const [summary, newest, history] = await Promise.all([
    getFleetSummary(ctx),
    listGateways(ctx, { sort: "created_at", order: "desc", limit: 5 }),
    getFleetHealthHistory(ctx),
  ]);
  const header = (
    <PageHeader title="Dashboard" description="Your fleet of OpenTelemetry Collector gateways at a glance." />
  );
  if (summary.total === 0) {
    return (
      <>
        {header}
        <AutoRefresh ms={15_000} />
        <NoGatewaysYet>
          Start a gateway with a registration token: it registers, connects over OpAMP, and its health shows up here.
        </NoGatewaysYet>
      </>
    );
  }
  return (
    <>
      {header}
      <AutoRefresh ms={15_000} />
      <div className="grid gap-6">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
          {HEALTH_SERIES.map((c) => (
            <Stat
              key={c.key}
              label={c.label}
              value={summary.health[c.key]}
              tone={c.tone}
              href={`/agents?health=${c.key}`}
            />
          ))}
        </div>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Gateways" value={summary.total} href="/agents" />
          <Stat label="Seen in the last hour" value={summary.seen_last_hour} />
          <Stat label="Connected over OpAMP" value={summary.connected} />
          <Stat label="Config drifted" value={summary.drifted} href="/agents?drift=true" />
        </div>
        <FleetVolumeCard />
        <FleetHealthChart points={history.items} bucketSeconds={history.bucket_seconds} />
        <NewestRegistrations gateways={newest.items} />
      </div>
    </>
  );
}
