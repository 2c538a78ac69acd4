import { route, searchParams } from "@/lib/http/route";
import { getSavings } from "@/lib/savings/queries";

/** Volume in − out per signal over a window, grouped by org, gateway or template; the verb checks the query. */
export const GET = route("member", (ctx, req) => getSavings(ctx, searchParams(req)));
