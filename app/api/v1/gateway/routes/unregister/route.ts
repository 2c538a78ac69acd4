import { unregisterRoute } from "@/lib/ingress-routes/unregister";
import { LIMITS, unregisterRouteInput } from "@/lib/ingress-routes/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/** POST /api/v1/gateway/routes/unregister {hostname}: scoped to the caller's clusters. */
export const POST = route("routes", async (ctx, req) =>
  unregisterRoute(ctx, await parseJsonBody(req, unregisterRouteInput, LIMITS.unregisterBodyBytes)),
);
