"use client";
import { formatDuration, secondsSince } from "@/lib/ui/format";
import { useNow } from "@/lib/ui/use-now";

/** How long the gateway has been active, with the start time on hover; "—" while it is not running. */
export function Uptime({ since }: { since: string | null }) {
  const now = useNow();
  if (!since) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={since} title={new Date(since).toISOString()} suppressHydrationWarning>
      {now === null ? "" : formatDuration(secondsSince(since, now))}
    </time>
  );
}
