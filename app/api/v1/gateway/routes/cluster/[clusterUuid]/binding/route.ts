import { releaseCluster } from "@/lib/ingress-routes/binding";
import { route } from "@/lib/http/route";

/** DELETE /api/v1/gateway/routes/cluster/{cluster_uuid}/binding: an operator frees the cluster for another gateway. */
export const DELETE = route("routes", (ctx, _req, { clusterUuid }: { clusterUuid: string }) =>
  releaseCluster(ctx, decodeURIComponent(clusterUuid)),
);
