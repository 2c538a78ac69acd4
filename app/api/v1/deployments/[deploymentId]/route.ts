import { requireContext } from "@/lib/auth/caller";
import { getDeployment, listDeploymentGateways } from "@/lib/deployments/queries";
import { toErrorResponse } from "@/lib/http/errors";

/** The deployment with its progress, and one page of per-gateway rows (`page`, `limit`, `status`). */
export async function GET(req: Request, { params }: { params: Promise<{ deploymentId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const deployment = await getDeployment(ctx, (await params).deploymentId);
    const gateways = await listDeploymentGateways(ctx, deployment.id, Object.fromEntries(new URL(req.url).searchParams));
    return Response.json({ ...deployment, gateways });
  } catch (err) {
    return toErrorResponse(err);
  }
}
