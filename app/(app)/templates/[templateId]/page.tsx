import Link from "next/link";
import { Rocket } from "lucide-react";
import { can } from "@/lib/auth/roles";
import { getTemplate, listTemplateVersions } from "@/lib/templates/queries";
import { templateWhereUsed } from "@/lib/templates/where-used";
import { Button } from "@/app/_components/ui/button";
import { loadVersioned, type VersionedPageProps } from "@/app/_components/versioned-page";
import { VersionedHeader } from "@/app/_components/versioned-header";
import { VersionHistory } from "@/app/_components/version-history";
import { Badge } from "@/app/_components/ui/badge";
import { SectionCard } from "@/app/_components/section-card";
import { TransformsHint } from "../transforms-hint";
import { TemplateActions } from "./template-actions";
import { TemplateEditor } from "./template-editor";
import { WhereUsedCard } from "./where-used";

export const metadata = { title: "Template" };

export default async function TemplatePage(props: VersionedPageProps<"templateId">) {
  const [ctx, template, versions, used] = await loadVersioned(
    props,
    "templateId",
    getTemplate,
    listTemplateVersions,
    templateWhereUsed,
  );
  const canWrite = can(ctx, "templates.save_version");
  const canDeploy = can(ctx, "deployments.create");
  return (
    <>
      <VersionedHeader
        list={{ href: "/templates", label: "Templates" }}
        item={template}
        before={
          template.is_base && (
            <Badge variant="success" data-testid="base-badge">
              Base config
            </Badge>
          )
        }
        after={template.description && <span>· {template.description}</span>}
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
        <SectionCard
          title="Config"
          description={
            <>
              Validated as you type against this organization&apos;s component allow-list.{" "}
              <code>{"${INSTANCE_ID}"}</code>, <code>{"${GATEWAY_NAME}"}</code>, <code>{"${GATEWAY_ID}"}</code> and{" "}
              <code>{"${ORG_ID}"}</code> are filled in per gateway.
            </>
          }
        >
          {canWrite && <TransformsHint ctx={ctx} />}
          <TemplateEditor
            key={template.latest_version}
            templateId={template.id}
            content={template.content}
            baseVersion={template.latest_version}
            canWrite={canWrite}
          />
        </SectionCard>
        <WhereUsedCard used={used} isBase={template.is_base} />
        <VersionHistory key={template.latest_version} api="/api/v1/templates" item={template} versions={versions} />
      </div>
    </>
  );
}
