import { requireRoutesContext } from "@/lib/ingress-routes/caller";
import { unregisterRoute } from "@/lib/ingress-routes/unregister";
import { LIMITS, unregisterRouteInput } from "@/lib/ingress-routes/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

/** POST /api/v1/gateway/routes/unregister {hostname}: scoped to the caller's clusters. */
export async function POST(req: Request) {
  try {
    const ctx = await requireRoutesContext(req);
    const input = await parseJsonBody(req, unregisterRouteInput, LIMITS.unregisterBodyBytes);
    return Response.json(await unregisterRoute(ctx, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
