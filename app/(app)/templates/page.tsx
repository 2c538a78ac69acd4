import Link from "next/link";
import { Plus } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listTemplates } from "@/lib/templates/queries";
import type { SearchParams } from "@/app/_components/page-params";
import { SearchListPage, nameColumn } from "@/app/_components/search-list";
import type { Column } from "@/app/_components/simple-table";
import { TimeAgo } from "@/app/_components/time-ago";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";

export const metadata = { title: "Templates" };

type TemplateRow = Awaited<ReturnType<typeof listTemplates>>["items"][number];

const columns: Column<TemplateRow>[] = [
  nameColumn(
    "/templates",
    (t) =>
      t.is_base && (
        <Badge variant="success" className="ml-2">
          Base config
        </Badge>
      ),
  ),
  { header: "Description", className: "text-muted-foreground max-w-md truncate", cell: (t) => t.description },
  { header: "Latest version", cell: (t) => `v${t.latest_version}` },
  { header: "Updated", cell: (t) => <TimeAgo at={t.updated_at.toISOString()} /> },
];

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireSessionContext();
  const newButton = can(ctx, "templates.create") && (
    <Button asChild>
      <Link href="/templates/new">
        <Plus /> New template
      </Link>
    </Button>
  );
  return (
    <SearchListPage
      title="Templates"
      description="Collector configs, versioned on every save and validated against this organization's component allow-list."
      actions={newButton}
      emptyTitle="No templates yet"
      emptyAction={newButton}
      emptyText={
        <>
          A template is a named OpenTelemetry Collector config. Every save becomes an immutable version you can diff,
          deploy to gateways by tag, or mark as the base config that gateways without a deployment run.
        </>
      }
      noun="template"
      searchParams={searchParams}
      list={(query) => listTemplates(ctx, query)}
      columns={columns}
    />
  );
}
