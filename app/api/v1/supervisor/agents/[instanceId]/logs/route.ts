import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse";
import { listGatewayLogs, listGatewayLogsQuery } from "@/lib/telemetry/queries";
import { findAgentOr404 } from "@/lib/gateways/supervisor-agents";

/** The agent's own log lines (what its collector sent over OTLP), same paging as the gateway logs endpoint. */
export async function GET(req: Request, { params }: { params: Promise<{ instanceId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const query = parseQuery(req, listGatewayLogsQuery);
    const agent = await findAgentOr404(ctx.db, ctx.orgId, (await params).instanceId);
    return Response.json({ instance_id: agent.instanceId, ...(await listGatewayLogs(ctx, agent.id, query)) });
  } catch (err) {
    return toErrorResponse(err);
  }
}
