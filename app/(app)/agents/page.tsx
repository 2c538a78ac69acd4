import { requireSessionContext } from "@/lib/auth/session";
import { listGateways } from "@/lib/gateways/queries";
import { DomainError } from "@/lib/errors";
import { toJson } from "@/lib/ui/json";
import type { GatewayList } from "@/lib/ui/gateway-types";
import { PageHeader } from "@/app/_components/page-header";
import { AgentsTable } from "./agents-table";
import { gatewaysApiUrl, readAgentsQuery } from "./query";

export const metadata = { title: "Agents" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgentsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") params.set(k, v);
  const q = readAgentsQuery(params);
  // The first page is rendered on the server (no skeleton); SWR takes over from the same URL.
  const key = gatewaysApiUrl(q);
  let initial: GatewayList | null = null;
  try {
    initial = toJson(await listGateways(ctx, Object.fromEntries(new URL(key, "http://x").searchParams)));
  } catch (err) {
    // Bad filters in a hand-edited URL: the table shows the route's own message.
    if (!(err instanceof DomainError)) throw err;
  }
  return (
    <>
      <PageHeader title="Agents" description="Gateways of this organization, refreshed every few seconds." />
      <AgentsTable initial={initial ? { key, data: initial } : null} />
    </>
  );
}
