import { requireContext } from "@/lib/auth/caller";
import { previewDeploymentTarget } from "@/lib/deployments/preview";
import { previewInput } from "@/lib/deployments/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const { target } = await parseJsonBody(req, previewInput);
    return Response.json(await previewDeploymentTarget(ctx, target));
  } catch (err) {
    return toErrorResponse(err);
  }
}
