import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";

type Point = { at: Date; healthy: number; warning: number; unhealthy: number; offline: number; unknown: number };

/** The health levels in the chart's stacking order: the chart's fill and the dashboard counter's text colour. */
export const HEALTH_SERIES = [
  { key: "healthy", label: "Healthy", fill: "fill-success", tone: "text-success" },
  { key: "warning", label: "Warning", fill: "fill-warning", tone: "text-warning" },
  { key: "unhealthy", label: "Unhealthy", fill: "fill-destructive", tone: "text-destructive" },
  { key: "offline", label: "Offline", fill: "fill-muted-foreground", tone: "text-muted-foreground" },
  { key: "unknown", label: "Never seen", fill: "fill-muted", tone: "text-muted-foreground" },
] as const;

const WIDTH = 1008; // one unit per 10 minutes over 7 days, so each 5-minute bucket is half a unit wide
const HEIGHT = 160;
const DAY_MS = 86_400_000;

/** Gateways by health per 5 minutes over the last 7 days, as stacked bars in plain SVG. */
export function FleetHealthChart({
  points,
  bucketSeconds,
  now = new Date(),
}: {
  points: Point[];
  bucketSeconds: number;
  now?: Date;
}) {
  const start = now.getTime() - 7 * DAY_MS;
  const x = (t: number) => ((t - start) / (7 * DAY_MS)) * WIDTH;
  const barWidth = x(start + bucketSeconds * 1000) - x(start);
  const max = Math.max(1, ...points.map((p) => HEALTH_SERIES.reduce((n, s) => n + p[s.key], 0)));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Fleet health, last 7 days</CardTitle>
        <CardDescription>Gateways by health, recorded every 5 minutes (up to {max} gateways).</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        {points.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            No history yet: the first snapshot is recorded within 5 minutes.
          </p>
        ) : (
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="h-40 w-full"
            role="img"
            aria-label="Gateways by health over the last 7 days"
            data-testid="fleet-health-chart"
          >
            {[1, 2, 3, 4, 5, 6].map((d) => (
              <line
                key={d}
                x1={(WIDTH / 7) * d}
                x2={(WIDTH / 7) * d}
                y1={0}
                y2={HEIGHT}
                className="stroke-border"
                strokeWidth={0.5}
              />
            ))}
            {points.map((p) => {
              let y = HEIGHT;
              return (
                <g key={p.at.getTime()}>
                  <title>{`${p.at.toISOString().slice(0, 16).replace("T", " ")} UTC: ${HEALTH_SERIES.map((s) => `${p[s.key]} ${s.label.toLowerCase()}`).join(", ")}`}</title>
                  {HEALTH_SERIES.map((s) => {
                    const h = (p[s.key] / max) * HEIGHT;
                    y -= h;
                    return h > 0 ? (
                      <rect key={s.key} x={x(p.at.getTime())} y={y} width={barWidth} height={h} className={s.fill} />
                    ) : null;
                  })}
                </g>
              );
            })}
          </svg>
        )}
        <div className="text-muted-foreground flex flex-wrap gap-4 text-xs">
          <span>7 days ago</span>
          {HEALTH_SERIES.map((s) => (
            <span key={s.key} className="flex items-center gap-1">
              <svg className="size-2.5" viewBox="0 0 10 10">
                <rect width={10} height={10} className={s.fill} />
              </svg>
              {s.label}
            </span>
          ))}
          <span className="ml-auto">now</span>
        </div>
      </CardContent>
    </Card>
  );
}
