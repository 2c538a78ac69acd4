"use client";
import { formatAgo, secondsSince } from "@/lib/ui/format";
import { formatTimestamp } from "@/lib/ui/timestamp";
import { useNow } from "@/lib/ui/use-now";

/**
 * "12 s ago", ticking every second. Before hydration it shows the server's own count (`seconds`) when given;
 * a one-second difference between server and browser renders is expected, hence suppressHydrationWarning.
 * The hover shows the console's one absolute format (UTC, no locale), so it is the same text on every page and
 * already in the server render.
 */
export function TimeAgo({
  at,
  seconds,
  className,
}: {
  at: string | null | undefined;
  seconds?: number | null;
  className?: string;
}) {
  const now = useNow();
  const age = now === null ? (seconds ?? secondsSince(at, Date.now())) : secondsSince(at, now); // eslint-disable-line react-hooks/purity -- before the first tick the age is taken at render time; useNow ticks from then on
  return (
    <time
      dateTime={at ?? undefined}
      title={at ? formatTimestamp(at) : undefined}
      className={className}
      suppressHydrationWarning
    >
      {at ? formatAgo(age) : "never"}
    </time>
  );
}
