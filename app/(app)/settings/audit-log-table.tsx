"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { Button } from "@/app/_components/ui/button";
import { ErrorLine } from "@/app/_components/form-field";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
import { formatTimestamp } from "@/lib/ui/timestamp";
import type { AuditEntry, AuditPage } from "@/lib/audit/queries";
import { listAuditLogAction } from "./audit-log-actions";

// Targets that have a page of their own link to it.
const PAGES: Record<string, string> = {
  gateway: "/agents",
  template: "/templates",
  deployment: "/deployments",
  transform: "/transforms",
};

/**
 * The target as people know it: its current name, else the name the row recorded, else its type and full id
 * (a cut id cannot be searched for).
 */
function Target({ e }: { e: AuditEntry }) {
  const recorded = typeof e.details.name === "string" ? e.details.name : null;
  const name = e.target_name ?? recorded;
  const version = typeof e.details.version === "number" ? ` v${e.details.version}` : "";
  if (e.target_type === "settings" && e.details.changes)
    return <>settings: {Object.keys(e.details.changes as object).join(", ")}</>;
  if (!name)
    return e.target_id ? <span className="break-all">{`${e.target_type} ${e.target_id}`}</span> : e.target_type;
  const page = e.target_name && e.target_id && PAGES[e.target_type];
  return (
    <>
      {e.target_type}{" "}
      {page ? (
        <Link className="hover:underline" href={`${page}/${e.target_id}`} title={e.target_id ?? undefined}>
          &ldquo;{name}&rdquo;
        </Link>
      ) : (
        <span title={e.target_id ?? undefined}>&ldquo;{name}&rdquo;</span>
      )}
      {version}
    </>
  );
}

const columns: Column<AuditEntry>[] = [
  {
    header: "Time",
    className: "whitespace-nowrap",
    cell: (e) => (
      <time dateTime={new Date(e.created_at).toISOString()} data-testid="audit-time">
        {formatTimestamp(e.created_at)}
      </time>
    ),
  },
  { header: "Actor", cell: (e) => e.actor_label },
  { header: "Action", cell: (e) => <code className="text-xs">{e.action}</code> },
  { header: "Target", className: "max-w-md", cell: (e) => <Target e={e} /> },
];

export function AuditLogTable({ initial }: { initial: AuditPage }) {
  const [data, setData] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const pages = Math.max(1, Math.ceil(data.total / data.limit));
  const go = (page: number) =>
    startTransition(async () => {
      const r = await listAuditLogAction(page);
      if (r.ok && r.data) setData(r.data);
      setError(r.ok ? null : (r.error ?? "Could not load the audit log"));
    });
  if (data.total === 0) return <p className="text-muted-foreground text-sm">Nothing has been recorded yet.</p>;
  return (
    <div className="grid gap-3" aria-busy={pending}>
      <ErrorLine error={error} />
      <SimpleTable
        columns={columns}
        rows={data.items}
        rowKey={(e) => e.id}
        rowTestId="audit-row"
        bodyClassName={pending ? "opacity-60" : undefined}
      />
      {pages > 1 && (
        <nav aria-label="Audit log pages" className="flex items-center justify-end gap-2 text-sm">
          <span className="text-muted-foreground">
            Page {data.page} of {pages} · {data.total} entries
          </span>
          <Button variant="outline" size="sm" disabled={pending || data.page <= 1} onClick={() => go(data.page - 1)}>
            Newer
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={pending || data.page >= pages}
            onClick={() => go(data.page + 1)}
          >
            Older
          </Button>
        </nav>
      )}
    </div>
  );
}
