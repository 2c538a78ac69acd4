import { Badge } from "@/app/_components/ui/badge";
import { SimpleTable, type Column } from "@/app/_components/simple-table";

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

const columns: Column<NotificationRow>[] = [
  { header: "Event", cell: (n) => <Badge variant={n.event === "firing" ? "destructive" : "success"}>{n.event}</Badge> },
  { header: "Rule", className: "font-medium", cell: (n) => n.rule },
  { header: "Subject", props: (n) => ({ title: n.summary }), cell: (n) => n.subject },
  { header: "Time", cell: (n) => <time dateTime={n.at}>{n.at.slice(0, 19).replace("T", " ")} UTC</time> },
  {
    header: "Delivery",
    className: "grid gap-1",
    cell: (n) => (
      <>
        {n.deliveries.length === 0 && <span className="text-muted-foreground text-xs">no channel</span>}
        {n.deliveries.map((d) => (
          <span key={d.channel} className="flex items-center gap-2 text-xs" title={d.error ?? undefined}>
            <Badge variant={DELIVERY_VARIANT[d.status]}>{d.status}</Badge>
            {d.channel} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
            {d.error ? ` · ${d.error}` : ""}
          </span>
        ))}
      </>
    ),
  },
];

export function NotificationsTable({ items }: { items: NotificationRow[] }) {
  if (!items.length) return <p className="text-muted-foreground text-sm">No notifications yet.</p>;
  return <SimpleTable columns={columns} rows={items} rowKey={(n) => n.id} rowTestId="alert-notification-row" />;
}
