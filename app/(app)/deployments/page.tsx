import Link from "next/link";
import { Plus } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployments/queries";
import { DomainError } from "@/lib/errors";
import { toJson } from "@/lib/ui/json";
import { PageHeader } from "@/app/_components/page-header";
import { Button } from "@/app/_components/ui/button";
import { DeploymentsTable, type DeploymentList } from "./deployments-table";
import { deploymentsUrl } from "./labels";

export const metadata = { title: "Deployments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeploymentsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  const query = { page: Number(sp.page) || 1, limit: Number(sp.limit) || 20, status: typeof sp.status === "string" ? sp.status : "" };
  let initial: DeploymentList | null = null;
  try {
    initial = toJson(await listDeployments(ctx, { page: query.page, limit: query.limit, ...(query.status ? { status: query.status } : {}) }));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err; // a hand-edited URL: the table shows the route's message
  }
  return (
    <>
      <PageHeader
        title="Deployments"
        description="Template versions rolled out to gateways, with what each gateway reported."
        actions={can(ctx, "deployments.create") && (
          <Button asChild><Link href="/deployments/new"><Plus /> New deployment</Link></Button>
        )}
      />
      <DeploymentsTable initial={initial ? { key: deploymentsUrl(query), data: initial } : null} canCreate={can(ctx, "deployments.create")} />
    </>
  );
}
