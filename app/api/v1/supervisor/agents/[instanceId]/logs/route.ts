import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { listGatewayLogs, listGatewayLogsQuery } from "@/lib/telemetry/queries";
import { findAgentOr404 } from "@/lib/gateways/supervisor-agents";

/** The agent's own log lines (what its collector sent over OTLP), same paging as the gateway logs endpoint. */
export const GET = route("member", async (ctx, req, { instanceId }: { instanceId: string }) => {
  const query = parseQuery(req, listGatewayLogsQuery);
  const agent = await findAgentOr404(ctx.db, ctx.orgId, instanceId);
  return { instance_id: agent.instanceId, ...(await listGatewayLogs(ctx, agent.id, query)) };
});
