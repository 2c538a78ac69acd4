import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse";
import { listGatewayLogs, listGatewayLogsQuery } from "@/lib/telemetry/queries";

/** The gateway's own log lines (OTLP), for the Logs tab and its follow mode. */
export async function GET(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const query = parseQuery(req, listGatewayLogsQuery);
    return Response.json(await listGatewayLogs(ctx, (await params).gatewayId, query));
  } catch (err) {
    return toErrorResponse(err);
  }
}
