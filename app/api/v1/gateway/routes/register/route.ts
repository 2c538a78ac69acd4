import { requireRoutesContext } from "@/lib/ingress-routes/caller";
import { registerRoute } from "@/lib/ingress-routes/register";
import { LIMITS, registerRouteInput } from "@/lib/ingress-routes/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

/** POST /api/v1/gateway/routes/register: 200 whether created, updated or unchanged (agents expect 200). */
export async function POST(req: Request) {
  try {
    const ctx = await requireRoutesContext(req);
    const input = await parseJsonBody(req, registerRouteInput, LIMITS.registerBodyBytes);
    return Response.json(await registerRoute(ctx, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
