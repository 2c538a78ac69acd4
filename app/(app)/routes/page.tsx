import { requireSessionContext } from "@/lib/auth/session";
import { listRouteClusters, listRoutes } from "@/lib/ingress-routes/queries";
import { publicUrl } from "@/lib/config";
import { DomainError } from "@/lib/errors";
import { toJson } from "@/lib/ui/json";
import { PageHeader } from "@/app/_components/page-header";
import { RoutesTable, type RouteList } from "./routes-table";
import { readRoutesQuery, routesApiUrl } from "./query";

export const metadata = { title: "Routes" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RoutesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") params.set(k, v);
  const key = routesApiUrl(readRoutesQuery(params));
  // The first page is rendered on the server; SWR takes over from the same URL.
  let initial: RouteList | null = null;
  try {
    initial = toJson(await listRoutes(ctx, Object.fromEntries(new URL(key, "http://x").searchParams)));
  } catch (err) {
    // A hand-edited URL with a bad filter: the table shows the route's own message.
    if (!(err instanceof DomainError)) throw err;
  }
  const clusters = await listRouteClusters(ctx);
  return (
    <>
      <PageHeader title="Routes" description="Ingress routes reported by cluster agents, per cluster and routing mode." />
      <RoutesTable initial={initial ? { key, data: initial } : null} clusters={clusters} baseUrl={publicUrl()} />
    </>
  );
}
