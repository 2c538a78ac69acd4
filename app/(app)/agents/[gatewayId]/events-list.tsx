import type { listGatewayEvents } from "@/lib/audit/gateway-events";
import { EmptyState } from "@/app/_components/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";

type Events = Awaited<ReturnType<typeof listGatewayEvents>>;

// "gateway.rotate_token" → "rotate token"; the actor's kind is enough ("user", "api_key", "gateway", …).
const actionText = (a: string) => a.replace(/^gateway\./, "").replace(/_/g, " ");
const actorText = (a: string) => a.split(":")[0].replace(/_/g, " ");

/** The gateway's newest audit rows. */
export function EventsList({ events }: { events: Events }) {
  if (events.length === 0)
    return (
      <EmptyState title="No events yet">
        Registrations, token rotations, tag changes and restarts of this gateway appear here.
      </EmptyState>
    );
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When (UTC)</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.id} data-testid="event-row">
            <TableCell>
              <time dateTime={e.created_at}>{e.created_at.slice(0, 19).replace("T", " ")}</time>
            </TableCell>
            <TableCell className="font-medium">{actionText(e.action)}</TableCell>
            <TableCell>{actorText(e.actor)}</TableCell>
            <TableCell className="max-w-md truncate font-mono text-xs" title={JSON.stringify(e.details)}>
              {Object.keys(e.details).length ? JSON.stringify(e.details) : ""}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
