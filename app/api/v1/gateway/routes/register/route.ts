import { registerRoute } from "@/lib/ingress-routes/register";
import { LIMITS, registerRouteInput } from "@/lib/ingress-routes/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/** POST /api/v1/gateway/routes/register: 200 whether created, updated or unchanged (agents expect 200). */
export const POST = route("routes", async (ctx, req) =>
  registerRoute(ctx, await parseJsonBody(req, registerRouteInput, LIMITS.registerBodyBytes)),
);
