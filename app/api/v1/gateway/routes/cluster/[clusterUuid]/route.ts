import { listClusterRoutes } from "@/lib/ingress-routes/queries";
import { route } from "@/lib/http/route";

/** GET /api/v1/gateway/routes/cluster/{cluster_uuid} */
export const GET = route("routes", (ctx, _req, { clusterUuid }: { clusterUuid: string }) =>
  listClusterRoutes(ctx, decodeURIComponent(clusterUuid)),
);
