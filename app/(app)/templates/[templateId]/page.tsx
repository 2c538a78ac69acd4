import Link from "next/link";
import { Rocket } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getTemplate, listTemplateVersions } from "@/lib/templates/queries";
import { templateWhereUsed } from "@/lib/templates/where-used";
import { Button } from "@/app/_components/ui/button";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { notFoundOr, pageParam, type SearchParams } from "@/app/_components/page-params";
import { PageHeader } from "@/app/_components/page-header";
import { VersionHistory } from "@/app/_components/version-history";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { TransformsHint } from "../transforms-hint";
import { TemplateActions } from "./template-actions";
import { TemplateEditor } from "./template-editor";
import { WhereUsedCard } from "./where-used";

export const metadata = { title: "Template" };

const VERSIONS_PER_PAGE = 10;

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ templateId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireSessionContext();
  const { templateId } = await params;
  const vpage = pageParam(await searchParams, "vpage");
  const [template, versions, used] = await Promise.all([
    getTemplate(ctx, templateId).catch(notFoundOr),
    listTemplateVersions(ctx, templateId, { page: vpage, limit: VERSIONS_PER_PAGE }).catch(notFoundOr),
    templateWhereUsed(ctx, templateId).catch(notFoundOr),
  ]);
  const canWrite = can(ctx, "templates.save_version");
  const canDeploy = can(ctx, "deployments.create");
  return (
    <>
      <Breadcrumb href="/templates" label="Templates" />
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
          <div className="flex flex-wrap items-start gap-2">
            {canDeploy && (
              <Button asChild>
                <Link href={`/deployments/new?template_id=${template.id}`}>
                  <Rocket /> Deploy
                </Link>
              </Button>
            )}
            {canWrite && <TemplateActions templateId={template.id} name={template.name} isBase={template.is_base} />}
          </div>
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
        <WhereUsedCard used={used} isBase={template.is_base} />
        <VersionHistory
          key={template.latest_version}
          diffUrl={`/api/v1/templates/${template.id}/diff`}
          latest={template.latest_version}
          versions={versions}
        />
      </div>
    </>
  );
}
