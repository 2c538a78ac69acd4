import { route, searchParams } from "@/lib/http/route";
import { getCardinality } from "@/lib/cardinality/queries";

/** Top metrics by distinct series in a gateway's samples (or one sample), with the labels driving each. */
export const GET = route("member", (ctx, req) => getCardinality(ctx, searchParams(req)));
