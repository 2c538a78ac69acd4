import { route } from "@/lib/http/route";
import { getGatewayTimeseries } from "@/lib/timeseries/queries";

/** One of the gateway's own-metrics series (lib/timeseries/catalog.ts), bucketed by `step`; the verb checks the query. */
export const GET = route("member", (ctx, req, { gatewayId }: { gatewayId: string }) =>
  getGatewayTimeseries(ctx, gatewayId, Object.fromEntries(new URL(req.url).searchParams)),
);
