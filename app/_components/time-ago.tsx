"use client";
import { formatAgo, secondsSince } from "@/lib/ui/format";
import { useNow } from "@/lib/ui/use-now";

/**
 * "12 s ago", ticking every second. Before hydration it shows the server's own count (`seconds`) when given;
 * a one-second difference between server and browser renders is expected, hence suppressHydrationWarning.
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
      title={now !== null && at ? new Date(at).toLocaleString() : undefined}
      className={className}
      suppressHydrationWarning
    >
      {at ? formatAgo(age) : "never"}
    </time>
  );
}
