import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { listGatewayLogs, listGatewayLogsQuery } from "@/lib/telemetry/queries";

/** The gateway's own log lines (OTLP), for the Logs tab and its follow mode. */
export const GET = route("member", (ctx, req, { gatewayId }: { gatewayId: string }) =>
  listGatewayLogs(ctx, gatewayId, parseQuery(req, listGatewayLogsQuery)),
);
