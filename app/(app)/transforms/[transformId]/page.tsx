import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getTransform, listTransformVersions } from "@/lib/transforms/queries";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { notFoundOr, pageParam, type SearchParams } from "@/app/_components/page-params";
import { PageHeader } from "@/app/_components/page-header";
import { VersionHistory } from "@/app/_components/version-history";
import { Badge } from "@/app/_components/ui/badge";
import { Studio } from "../studio/studio";
import { UsedByLinks, uniqueTemplates } from "../used-by";
import { TransformActions } from "./transform-actions";

export const metadata = { title: "Transform" };

const VERSIONS_PER_PAGE = 10;

export default async function TransformPage({
  params,
  searchParams,
}: {
  params: Promise<{ transformId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireSessionContext();
  const { transformId } = await params;
  const vpage = pageParam(await searchParams, "vpage");
  const [transform, versions] = await Promise.all([
    getTransform(ctx, transformId).catch(notFoundOr),
    listTransformVersions(ctx, transformId, { page: vpage, limit: VERSIONS_PER_PAGE }).catch(notFoundOr),
  ]);
  const canWrite = can(ctx, "transforms.save_version");
  const usedByAll = transform.used_by ?? [];
  const usedBy = uniqueTemplates(usedByAll);
  return (
    <>
      <Breadcrumb href="/transforms" label="Transforms" />
      <PageHeader
        title={transform.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="secondary">{transform.signal}</Badge>
            <span data-testid="latest-version">Version {transform.latest_version}</span>
            <span>·</span>
            <span data-testid="used-by">
              {usedBy.length === 0 ? (
                "Not used by any template"
              ) : (
                <>
                  Used by <UsedByLinks usedBy={usedBy} />
                </>
              )}
            </span>
            <span>
              · reference as <code>flowgate_transform/{transform.name}</code>
            </span>
          </span>
        }
        actions={
          canWrite && (
            <TransformActions
              transformId={transform.id}
              name={transform.name}
              usedBy={usedBy.map((u) => u.template_name)}
            />
          )
        }
      />
      <div className="grid gap-6">
        <Studio
          key={transform.latest_version}
          transform={{
            id: transform.id,
            name: transform.name,
            signal: transform.signal,
            latest_version: transform.latest_version,
            used_by: usedByAll,
          }}
          signal={transform.signal}
          steps={transform.latest?.steps ?? []}
          canWrite={canWrite}
        />
        <VersionHistory
          key={transform.latest_version}
          diffUrl={`/api/v1/transforms/${transform.id}/diff`}
          latest={transform.latest_version}
          versions={versions}
        />
      </div>
    </>
  );
}
