import Link from "next/link";
import { Plus, Sparkles } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listTransforms } from "@/lib/transforms/queries";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { TimeAgo } from "@/app/_components/time-ago";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { Pagination } from "../templates/pagination";

export const metadata = { title: "Transforms" };

const PAGE_SIZE = 20;

export default async function TransformsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(String(sp.page ?? "1"), 10) || 1);
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "";
  const result = await listTransforms(ctx, { page, limit: PAGE_SIZE, q: q || undefined });
  const canWrite = can(ctx, "transforms.save_version");
  const newButton = canWrite && (
    <Button asChild>
      <Link href="/transforms/new">
        <Plus /> New transform
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Transforms"
        description="Cut cost before data reaches your backends: drop, redact and reshape telemetry in the gateways."
        actions={newButton}
      />
      {result.total === 0 && !q ? (
        <EmptyState
          title="No transforms yet"
          action={
            canWrite && (
              <div className="flex flex-wrap justify-center gap-2">
                <Button asChild>
                  <Link href="/transforms/new?example=drop-debug-redact-email">
                    <Sparkles /> Try an example: drop debug logs and redact e-mails
                  </Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/transforms/new">
                    <Plus /> Start from scratch
                  </Link>
                </Button>
              </div>
            )
          }
        >
          A transform is an ordered list of steps for logs, metrics or traces: drop debug logs, mask e-mail addresses,
          delete high-cardinality labels, sample a percentage. You try the steps on sample records and see what they
          save before anything is deployed. Templates use a transform by listing{" "}
          <code>flowgate_transform/&lt;name&gt;</code> in a pipeline&apos;s processors; gateways receive plain collector
          processors.
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          <form className="flex gap-2" role="search">
            <Input
              name="q"
              defaultValue={q}
              placeholder="Search by name"
              aria-label="Search transforms"
              className="w-64"
            />
            <Button type="submit" variant="outline">
              Search
            </Button>
          </form>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Signal</TableHead>
                <TableHead>Latest version</TableHead>
                <TableHead>Used by</TableHead>
                <TableHead>Updated</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5} className="text-muted-foreground">
                    No transform matches “{q}”.
                  </TableCell>
                </TableRow>
              )}
              {result.items.map((t) => {
                const usedBy = [...new Map((t.used_by ?? []).map((u) => [u.template_id, u])).values()];
                return (
                  <TableRow key={t.id} data-testid="transform-row">
                    <TableCell className="font-medium">
                      <Link href={`/transforms/${t.id}`} className="hover:underline">
                        {t.name}
                      </Link>
                      {t.description && <span className="text-muted-foreground ml-2 text-xs">{t.description}</span>}
                    </TableCell>
                    <TableCell>
                      <Badge variant="secondary">{t.signal}</Badge>
                    </TableCell>
                    <TableCell>v{t.latest_version}</TableCell>
                    <TableCell data-testid="used-by">
                      {usedBy.length === 0 ? (
                        <span className="text-muted-foreground">Not used</span>
                      ) : (
                        usedBy.map((u, i) => (
                          <span key={u.template_id}>
                            {i > 0 && ", "}
                            <Link href={`/templates/${u.template_id}`} className="hover:underline">
                              {u.template_name}
                            </Link>
                          </span>
                        ))
                      )}
                    </TableCell>
                    <TableCell>
                      <TimeAgo at={new Date(t.updated_at).toISOString()} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Pagination
            page={page}
            total={result.total}
            limit={PAGE_SIZE}
            href={(p) => `/transforms?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`}
          />
        </div>
      )}
    </>
  );
}
