import { requireSessionContext } from "@/lib/auth/session";
import { listGateways } from "@/lib/gateways/queries";
import { loadFirstPage } from "@/lib/ui/first-page";
import { toSearchParams } from "@/lib/ui/query-state";
import { PageHeader } from "@/app/_components/page-header";
import { AgentsTable } from "./agents-table";
import { agentsQuery } from "./query";

export const metadata = { title: "Agents" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgentsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const key = agentsQuery.apiUrl(agentsQuery.read(toSearchParams(await searchParams)));
  const initial = await loadFirstPage(key, (query) => listGateways(ctx, query));
  return (
    <>
      <PageHeader title="Agents" description="Gateways of this organization, refreshed every few seconds." />
      <AgentsTable initial={initial} />
    </>
  );
}
