import { route, searchParams } from "@/lib/http/route";
import { getUnusedMetrics } from "@/lib/cardinality/queries";

/** Metrics seen in the samples that no imported dashboard, rule file or list refers to. */
export const GET = route("member", (ctx, req) => getUnusedMetrics(ctx, searchParams(req)));
