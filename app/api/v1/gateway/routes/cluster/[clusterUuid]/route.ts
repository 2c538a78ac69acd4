import { requireRoutesContext } from "@/lib/ingress-routes/caller";
import { listClusterRoutes } from "@/lib/ingress-routes/queries";
import { toErrorResponse } from "@/lib/http/errors";

/** GET /api/v1/gateway/routes/cluster/{cluster_uuid} */
export async function GET(req: Request, { params }: { params: Promise<{ clusterUuid: string }> }) {
  try {
    const ctx = await requireRoutesContext(req);
    return Response.json(await listClusterRoutes(ctx, decodeURIComponent((await params).clusterUuid)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
