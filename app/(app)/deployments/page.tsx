import Link from "next/link";
import { Plus } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployments/queries";
import { loadFirstPage } from "@/lib/ui/first-page";
import { PageHeader } from "@/app/_components/page-header";
import { Button } from "@/app/_components/ui/button";
import { DeploymentsTable } from "./deployments-table";
import { deploymentsUrl } from "./labels";

export const metadata = { title: "Deployments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeploymentsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  const query = {
    page: Number(sp.page) || 1,
    limit: Number(sp.limit) || 20,
    status: typeof sp.status === "string" ? sp.status : "",
  };
  const key = deploymentsUrl(query);
  const initial = await loadFirstPage(key, (q) => listDeployments(ctx, q));
  return (
    <>
      <PageHeader
        title="Deployments"
        description="Template versions rolled out to gateways, with what each gateway reported."
        actions={
          can(ctx, "deployments.create") && (
            <Button asChild>
              <Link href="/deployments/new">
                <Plus /> New deployment
              </Link>
            </Button>
          )
        }
      />
      <DeploymentsTable initial={initial} canCreate={can(ctx, "deployments.create")} />
    </>
  );
}
