import { route } from "@/lib/http/route";
import { getOrgTimeseries } from "@/lib/timeseries/queries";

/** An own-metrics series added up over the org's gateways (or those a tag `selector` matches). */
export const GET = route("member", (ctx, req) =>
  getOrgTimeseries(ctx, Object.fromEntries(new URL(req.url).searchParams)),
);
