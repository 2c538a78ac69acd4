import { requireRoutesContext } from "@/lib/ingress-routes/caller";
import { listRoutes } from "@/lib/ingress-routes/queries";
import { listRoutesQuery } from "@/lib/ingress-routes/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse";

/** GET /api/v1/gateway/routes?org_id=&q=&cluster_uuid=&routing_mode=&page=&limit= */
export async function GET(req: Request) {
  try {
    const ctx = await requireRoutesContext(req);
    return Response.json(await listRoutes(ctx, parseQuery(req, listRoutesQuery)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
