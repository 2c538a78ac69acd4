import { getDeployment, listDeploymentGateways } from "@/lib/deployments/queries";
import { route, searchParams } from "@/lib/http/route";

/** The deployment with its progress, and one page of per-gateway rows (`page`, `limit`, `status`). */
export const GET = route("member", async (ctx, req, { deploymentId }: { deploymentId: string }) => {
  const deployment = await getDeployment(ctx, deploymentId);
  return { ...deployment, gateways: await listDeploymentGateways(ctx, deployment.id, searchParams(req)) };
});
