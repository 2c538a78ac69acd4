import Link from "next/link";
import { TimeAgo } from "@/app/_components/time-ago";
import type { Marker } from "./use-markers";

/** The deployments drawn as dashed lines on the charts above, named and linked. */
export function MarkersList({ items }: { items: Marker[] }) {
  if (!items.length) return null;
  return (
    <div className="text-muted-foreground text-xs" data-testid="chart-markers">
      <span className="mr-1">Dashed lines: deployments</span>
      {items.map((m, i) => (
        <span key={m.id}>
          {i > 0 && ", "}
          <Link href={`/deployments/${m.id}`} className="underline">
            {m.name}
          </Link>{" "}
          (<TimeAgo at={m.created_at} />)
        </span>
      ))}
    </div>
  );
}
