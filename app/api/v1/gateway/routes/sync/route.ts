import { syncIngresses } from "@/lib/ingress-routes/sync";
import { LIMITS, syncIngressesInput } from "@/lib/ingress-routes/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/** POST /api/v1/gateway/routes/sync: the cluster's full set of ingresses. */
export const POST = route("routes", async (ctx, req) =>
  syncIngresses(ctx, await parseJsonBody(req, syncIngressesInput, LIMITS.syncBodyBytes)),
);
