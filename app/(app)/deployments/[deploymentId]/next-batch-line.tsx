"use client";
import { formatDuration } from "@/lib/ui/format";
import { formatTimestamp } from "@/lib/ui/timestamp";
import { useNow } from "@/lib/ui/use-now";

/** "Batch 3 of 5 starts in 1 min 20 s", ticking every second; the page's refresh brings the next answer. */
export function NextBatchLine({ next, batches }: { next: { batch: number; at: string | null }; batches: number }) {
  const now = useNow();
  const label = `Batch ${next.batch} of ${batches}`;
  let text: string;
  if (!next.at) text = `${label} starts once batch ${next.batch - 1} has applied`;
  else {
    const left = now === null ? null : (Date.parse(next.at) - now) / 1000;
    text =
      left === null
        ? `${label} starts at ${formatTimestamp(next.at)}`
        : left > 0.5
          ? `${label} starts in ${formatDuration(left)}`
          : `${label} is starting…`;
  }
  return (
    <p className="text-sm" data-testid="next-batch" title={next.at ? formatTimestamp(next.at) : undefined}>
      {text}
    </p>
  );
}
