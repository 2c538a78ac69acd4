import Link from "next/link";
import { Plus, Sparkles } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listTransforms } from "@/lib/transforms/queries";
import type { SearchParams } from "@/app/_components/page-params";
import { SearchListPage, nameColumn } from "@/app/_components/search-list";
import type { Column } from "@/app/_components/simple-table";
import { TimeAgo } from "@/app/_components/time-ago";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { UsedByLinks, uniqueTemplates } from "./used-by";

export const metadata = { title: "Transforms" };

type TransformRow = Awaited<ReturnType<typeof listTransforms>>["items"][number];

const columns: Column<TransformRow>[] = [
  nameColumn(
    "/transforms",
    (t) => t.description && <span className="text-muted-foreground ml-2 text-xs">{t.description}</span>,
  ),
  { header: "Signal", cell: (t) => <Badge variant="secondary">{t.signal}</Badge> },
  { header: "Latest version", cell: (t) => `v${t.latest_version}` },
  {
    header: "Used by",
    props: () => ({ "data-testid": "used-by" }),
    cell: (t) => {
      const usedBy = uniqueTemplates(t.used_by);
      return usedBy.length === 0 ? (
        <span className="text-muted-foreground">Not used</span>
      ) : (
        <UsedByLinks usedBy={usedBy} />
      );
    },
  },
  { header: "Updated", cell: (t) => <TimeAgo at={new Date(t.updated_at).toISOString()} /> },
];

export default async function TransformsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireSessionContext();
  const canWrite = can(ctx, "transforms.save_version");
  return (
    <SearchListPage
      title="Transforms"
      description="Cut cost before data reaches your backends: drop, redact and reshape telemetry in the gateways."
      actions={
        canWrite && (
          <Button asChild>
            <Link href="/transforms/new">
              <Plus /> New transform
            </Link>
          </Button>
        )
      }
      emptyTitle="No transforms yet"
      emptyAction={
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
      emptyText={
        <>
          A transform is an ordered list of steps for logs, metrics or traces: drop debug logs, mask e-mail addresses,
          delete high-cardinality labels, sample a percentage. You try the steps on sample records and see what they
          save before anything is deployed. Templates use a transform by listing{" "}
          <code>flowgate_transform/&lt;name&gt;</code> in a pipeline&apos;s processors; gateways receive plain collector
          processors.
        </>
      }
      noun="transform"
      searchParams={searchParams}
      list={(query) => listTransforms(ctx, query)}
      columns={columns}
    />
  );
}
