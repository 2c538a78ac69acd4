import { Badge } from "@/app/_components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";

export type NotificationRow = {
  id: string;
  event: "firing" | "resolved";
  rule: string;
  subject: string;
  summary: string;
  at: string;
  deliveries: { channel: string; status: "pending" | "delivered" | "failed"; attempts: number; error: string | null }[];
};

const DELIVERY_VARIANT = { delivered: "success", pending: "warning", failed: "destructive" } as const;

export function NotificationsTable({ items }: { items: NotificationRow[] }) {
  if (!items.length) return <p className="text-muted-foreground text-sm">No notifications yet.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Event</TableHead>
          <TableHead>Rule</TableHead>
          <TableHead>Subject</TableHead>
          <TableHead>Time</TableHead>
          <TableHead>Delivery</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((n) => (
          <TableRow key={n.id} data-testid="alert-notification-row">
            <TableCell>
              <Badge variant={n.event === "firing" ? "destructive" : "success"}>{n.event}</Badge>
            </TableCell>
            <TableCell className="font-medium">{n.rule}</TableCell>
            <TableCell title={n.summary}>{n.subject}</TableCell>
            <TableCell>
              <time dateTime={n.at}>{n.at.slice(0, 19).replace("T", " ")} UTC</time>
            </TableCell>
            <TableCell className="grid gap-1">
              {n.deliveries.length === 0 && <span className="text-muted-foreground text-xs">no channel</span>}
              {n.deliveries.map((d) => (
                <span key={d.channel} className="flex items-center gap-2 text-xs" title={d.error ?? undefined}>
                  <Badge variant={DELIVERY_VARIANT[d.status]}>{d.status}</Badge>
                  {d.channel} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                  {d.error ? ` · ${d.error}` : ""}
                </span>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
