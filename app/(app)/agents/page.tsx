import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getPreference } from "@/lib/preferences/store";
import { listGateways } from "@/lib/gateways/queries";
import { loadFirstPage } from "@/lib/ui/first-page";
import type { PageSearchParams } from "@/lib/ui/query-state";
import { PageHeader } from "@/app/_components/page-header";
import { AgentsTable } from "./agents-table";
import { agentsQuery } from "./query";

export const metadata = { title: "Agents" };

export default async function AgentsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const ctx = await requireSessionContext();
  const [columns, views] = await Promise.all([
    getPreference(ctx, "agents.columns"),
    getPreference(ctx, "agents.views"),
  ]);
  const initial = await loadFirstPage(agentsQuery.pageKey(await searchParams), (query) => listGateways(ctx, query));
  return (
    <>
      <PageHeader title="Agents" description="Gateways of this organization, refreshed every few seconds." />
      <AgentsTable
        initial={initial}
        canAct={can(ctx, "agent_tags.add")}
        hiddenColumns={"hidden" in columns ? columns.hidden : []}
        views={"views" in views ? views.views : []}
      />
    </>
  );
}
