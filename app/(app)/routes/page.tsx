import { requireSessionContext } from "@/lib/auth/session";
import { listRouteClusters, listRoutes } from "@/lib/ingress-routes/queries";
import { publicUrl } from "@/lib/config";
import { loadFirstPage } from "@/lib/ui/first-page";
import { toSearchParams } from "@/lib/ui/query-state";
import { PageHeader } from "@/app/_components/page-header";
import { RoutesTable } from "./routes-table";
import { routesQuery } from "./query";

export const metadata = { title: "Routes" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RoutesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const key = routesQuery.apiUrl(routesQuery.read(toSearchParams(await searchParams)));
  const initial = await loadFirstPage(key, (query) => listRoutes(ctx, query));
  const clusters = await listRouteClusters(ctx);
  return (
    <>
      <PageHeader title="Routes" description="Ingress routes reported by cluster agents, per cluster and routing mode." />
      <RoutesTable initial={initial} clusters={clusters} baseUrl={publicUrl()} />
    </>
  );
}
