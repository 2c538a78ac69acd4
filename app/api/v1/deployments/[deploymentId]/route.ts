import { getDeployment, listDeploymentGateways } from "@/lib/deployments/queries";
import { nextBatch } from "@/lib/deployments/next-batch";
import { route, searchParams } from "@/lib/http/route";

/** The deployment with its progress, when its next batch starts, and one page of per-gateway rows (`page`, `limit`, `status`). */
export const GET = route("member", async (ctx, req, { deploymentId }: { deploymentId: string }) => {
  const deployment = await getDeployment(ctx, deploymentId);
  const [next, gateways] = await Promise.all([
    nextBatch(ctx.db, deployment),
    listDeploymentGateways(ctx, deployment.id, searchParams(req)),
  ]);
  return { ...deployment, next_batch: next, gateways };
});
