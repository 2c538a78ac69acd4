import { can } from "@/lib/auth/roles";
import { getTransform, listTransformVersions } from "@/lib/transforms/queries";
import { loadVersioned, type VersionedPageProps } from "@/app/_components/versioned-page";
import { VersionedHeader } from "@/app/_components/versioned-header";
import { VersionHistory } from "@/app/_components/version-history";
import { Badge } from "@/app/_components/ui/badge";
import { Studio } from "../studio/studio";
import { UsedByLinks, uniqueTemplates } from "../used-by";
import { TransformActions } from "./transform-actions";

export const metadata = { title: "Transform" };

export default async function TransformPage(props: VersionedPageProps<"transformId">) {
  const [ctx, transform, versions] = await loadVersioned(props, "transformId", getTransform, listTransformVersions);
  const canWrite = can(ctx, "transforms.save_version");
  const usedByAll = transform.used_by ?? [];
  const usedBy = uniqueTemplates(usedByAll);
  return (
    <>
      <VersionedHeader
        list={{ href: "/transforms", label: "Transforms" }}
        item={transform}
        before={<Badge variant="secondary">{transform.signal}</Badge>}
        after={
          <>
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
          </>
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
        <VersionHistory key={transform.latest_version} api="/api/v1/transforms" item={transform} versions={versions} />
      </div>
    </>
  );
}
