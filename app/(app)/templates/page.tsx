import Link from "next/link";
import { Plus } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listTemplates } from "@/lib/templates/queries";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { TimeAgo } from "@/app/_components/time-ago";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { Pagination } from "./pagination";

export const metadata = { title: "Templates" };

const PAGE_SIZE = 20;

export default async function TemplatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(String(sp.page ?? "1"), 10) || 1);
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "";
  const result = await listTemplates(ctx, { page, limit: PAGE_SIZE, q: q || undefined });
  const canWrite = can(ctx, "templates.create");
  const newButton = canWrite && (
    <Button asChild>
      <Link href="/templates/new">
        <Plus /> New template
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Templates"
        description="Collector configs, versioned on every save and validated against this organization's component allow-list."
        actions={newButton}
      />
      {result.total === 0 && !q ? (
        <EmptyState title="No templates yet" action={newButton}>
          A template is a named OpenTelemetry Collector config. Every save becomes an immutable version you can diff,
          deploy to gateways by tag, or mark as the base config that gateways without a deployment run.
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          <form className="flex gap-2" role="search">
            <Input
              name="q"
              defaultValue={q}
              placeholder="Search by name"
              aria-label="Search templates"
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
                <TableHead>Description</TableHead>
                <TableHead>Latest version</TableHead>
                <TableHead>Updated</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4} className="text-muted-foreground">
                    No template matches “{q}”.
                  </TableCell>
                </TableRow>
              )}
              {result.items.map((t) => (
                <TableRow key={t.id} data-testid="template-row">
                  <TableCell className="font-medium">
                    <Link href={`/templates/${t.id}`} className="hover:underline">
                      {t.name}
                    </Link>
                    {t.is_base && (
                      <Badge variant="success" className="ml-2">
                        Base config
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground max-w-md truncate">{t.description}</TableCell>
                  <TableCell>v{t.latest_version}</TableCell>
                  <TableCell>
                    <TimeAgo at={t.updated_at.toISOString()} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            page={page}
            total={result.total}
            limit={PAGE_SIZE}
            href={(p) => `/templates?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`}
          />
        </div>
      )}
    </>
  );
}
