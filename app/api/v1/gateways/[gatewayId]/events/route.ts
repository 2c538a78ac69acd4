import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { gatewayHistoryQuery, listGatewayHistory } from "@/lib/gateways/history";

/** The gateway's history (connections, configs, health, restarts, people's actions), newest first, paged. */
export const GET = route("member", (ctx, req, { gatewayId }: { gatewayId: string }) =>
  listGatewayHistory(ctx, gatewayId, parseQuery(req, gatewayHistoryQuery)),
);
