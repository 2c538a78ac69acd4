import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { NotFoundError } from "@/lib/errors";
import { getTransform, listTransformVersions } from "@/lib/transforms/queries";
import { PageHeader } from "@/app/_components/page-header";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Studio } from "../studio/studio";
import { TransformActions } from "./transform-actions";
import { VersionHistory } from "./version-history";

export const metadata = { title: "Transform" };

const VERSIONS_PER_PAGE = 10;

export default async function TransformPage({
  params,
  searchParams,
}: {
  params: Promise<{ transformId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireSessionContext();
  const { transformId } = await params;
  const vpage = Math.max(1, Number.parseInt(String((await searchParams).vpage ?? "1"), 10) || 1);
  const [transform, versions] = await Promise.all([
    getTransform(ctx, transformId).catch(notFoundOr),
    listTransformVersions(ctx, transformId, { page: vpage, limit: VERSIONS_PER_PAGE }).catch(notFoundOr),
  ]);
  const canWrite = can(ctx, "transforms.save_version");
  const usedByAll = transform.used_by ?? [];
  const usedBy = [...new Map(usedByAll.map((u) => [u.template_id, u])).values()];
  return (
    <>
      <div className="text-muted-foreground mb-2 text-sm">
        <Link href="/transforms" className="hover:underline">
          Transforms
        </Link>{" "}
        /
      </div>
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
                  Used by{" "}
                  {usedBy.map((u, i) => (
                    <span key={u.template_id}>
                      {i > 0 && ", "}
                      <Link href={`/templates/${u.template_id}`} className="hover:underline">
                        {u.template_name}
                      </Link>
                    </span>
                  ))}
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
        <Card>
          <CardHeader>
            <CardTitle>Version history</CardTitle>
            <CardDescription>Every save is an immutable version. Compare any two.</CardDescription>
          </CardHeader>
          <CardContent>
            <VersionHistory
              key={transform.latest_version}
              transformId={transform.id}
              latest={transform.latest_version}
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
