"use client";
import { formatDuration, secondsSince } from "@/lib/ui/format";
import { formatTimestamp } from "@/lib/ui/timestamp";
import { useNow } from "@/lib/ui/use-now";

/**
 * How long the gateway has been active, with the start time on hover; "—" while it is not running. A span, not a
 * <time>: a duration is not a point in time, and the row's one <time> stays "last seen".
 */
export function Uptime({ since }: { since: string | null }) {
  const now = useNow();
  if (!since) return <span className="text-muted-foreground">—</span>;
  return (
    <span title={`Active since ${formatTimestamp(since)}`} data-testid="uptime" suppressHydrationWarning>
      {now === null ? "" : formatDuration(secondsSince(since, now))}
    </span>
  );
}
