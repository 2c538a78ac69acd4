import { requireSessionContext } from "@/lib/auth/session";
import { listRouteClusters, listRoutes } from "@/lib/ingress-routes/queries";
import { publicUrl } from "@/lib/config";
import { loadFirstPage } from "@/lib/ui/first-page";
import type { PageSearchParams } from "@/lib/ui/query-state";
import { PageHeader } from "@/app/_components/page-header";
import { RoutesTable } from "./routes-table";
import { routesQuery } from "./query";

export const metadata = { title: "Routes" };

export default async function RoutesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const ctx = await requireSessionContext();
  const initial = await loadFirstPage(routesQuery.pageKey(await searchParams), (query) => listRoutes(ctx, query));
  const clusters = await listRouteClusters(ctx);
  return (
    <>
      <PageHeader
        title="Routes"
        description="Ingress routes reported by cluster agents, per cluster and routing mode."
      />
      <RoutesTable initial={initial} clusters={clusters} baseUrl={publicUrl()} />
    </>
  );
}
