import { requireContext } from "@/lib/auth/caller";
import { resumeDeployment } from "@/lib/deployments/lifecycle";
import { toErrorResponse } from "@/lib/http/errors";

export async function POST(req: Request, { params }: { params: Promise<{ deploymentId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await resumeDeployment(ctx, (await params).deploymentId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
