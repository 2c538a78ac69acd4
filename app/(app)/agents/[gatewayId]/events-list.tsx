import type { listGatewayEvents } from "@/lib/audit/gateway-events";
import { EmptyState } from "@/app/_components/empty-state";
import { SimpleTable, type Column } from "@/app/_components/simple-table";

type Events = Awaited<ReturnType<typeof listGatewayEvents>>;

// "gateway.rotate_token" → "rotate token"; the actor's kind is enough ("user", "api_key", "gateway", …).
const actionText = (a: string) => a.replace(/^gateway\./, "").replace(/_/g, " ");
const actorText = (a: string) => a.split(":")[0].replace(/_/g, " ");

const columns: Column<Events[number]>[] = [
  {
    header: "When (UTC)",
    cell: (e) => <time dateTime={e.created_at}>{e.created_at.slice(0, 19).replace("T", " ")}</time>,
  },
  { header: "Event", className: "font-medium", cell: (e) => actionText(e.action) },
  { header: "By", cell: (e) => actorText(e.actor) },
  {
    header: "Details",
    className: "max-w-md truncate font-mono text-xs",
    props: (e) => ({ title: JSON.stringify(e.details) }),
    cell: (e) => (Object.keys(e.details).length ? JSON.stringify(e.details) : ""),
  },
];

/** The gateway's newest audit rows. */
export function EventsList({ events }: { events: Events }) {
  if (events.length === 0)
    return (
      <EmptyState title="No events yet">
        Registrations, token rotations, tag changes and restarts of this gateway appear here.
      </EmptyState>
    );
  return <SimpleTable columns={columns} rows={events} rowKey={(e) => e.id} rowTestId="event-row" />;
}
