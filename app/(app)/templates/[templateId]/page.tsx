import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { NotFoundError } from "@/lib/errors";
import { getTemplate, listTemplateVersions } from "@/lib/templates/queries";
import { PageHeader } from "@/app/_components/page-header";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { TransformsHint } from "../transforms-hint";
import { TemplateActions } from "./template-actions";
import { TemplateEditor } from "./template-editor";
import { VersionHistory } from "./version-history";

export const metadata = { title: "Template" };

const VERSIONS_PER_PAGE = 10;

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ templateId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireSessionContext();
  const { templateId } = await params;
  const vpage = Math.max(1, Number.parseInt(String((await searchParams).vpage ?? "1"), 10) || 1);
  const [template, versions] = await Promise.all([
    getTemplate(ctx, templateId).catch(notFoundOr),
    listTemplateVersions(ctx, templateId, { page: vpage, limit: VERSIONS_PER_PAGE }).catch(notFoundOr),
  ]);
  const canWrite = can(ctx, "templates.save_version");
  return (
    <>
      <div className="text-muted-foreground mb-2 text-sm">
        <Link href="/templates" className="hover:underline">
          Templates
        </Link>{" "}
        /
      </div>
      <PageHeader
        title={template.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {template.is_base && (
              <Badge variant="success" data-testid="base-badge">
                Base config
              </Badge>
            )}
            <span data-testid="latest-version">Version {template.latest_version}</span>
            {template.description && <span>· {template.description}</span>}
          </span>
        }
        actions={
          canWrite && <TemplateActions templateId={template.id} name={template.name} isBase={template.is_base} />
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Config</CardTitle>
            <CardDescription>
              Validated as you type against this organization&apos;s component allow-list.{" "}
              <code>{"${INSTANCE_ID}"}</code>, <code>{"${GATEWAY_NAME}"}</code>, <code>{"${GATEWAY_ID}"}</code> and{" "}
              <code>{"${ORG_ID}"}</code> are filled in per gateway.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {canWrite && <TransformsHint ctx={ctx} />}
            <TemplateEditor
              key={template.latest_version}
              templateId={template.id}
              content={template.content}
              baseVersion={template.latest_version}
              canWrite={canWrite}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Version history</CardTitle>
            <CardDescription>Every save is an immutable version. Compare any two.</CardDescription>
          </CardHeader>
          <CardContent>
            <VersionHistory
              key={template.latest_version}
              templateId={template.id}
              latest={template.latest_version}
              versions={versions}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function notFoundOr(err: unknown): never {
  if (err instanceof NotFoundError) notFound();
  throw err;
}
