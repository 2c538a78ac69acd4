import { requireRoutesContext } from "@/lib/ingress-routes/caller";
import { syncIngresses } from "@/lib/ingress-routes/sync";
import { LIMITS, syncIngressesInput } from "@/lib/ingress-routes/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

/** POST /api/v1/gateway/routes/sync: the cluster's full set of ingresses. */
export async function POST(req: Request) {
  try {
    const ctx = await requireRoutesContext(req);
    const input = await parseJsonBody(req, syncIngressesInput, LIMITS.syncBodyBytes);
    return Response.json(await syncIngresses(ctx, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
