import { requireContext } from "@/lib/auth/caller";
import { getDeployment } from "@/lib/deployments/queries";
import { rollbackDeployment } from "@/lib/deployments/rollback";
import { rollbackInput } from "@/lib/deployments/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

/** Creates a new deployment of the previous template version to the same target (201 with it). */
export async function POST(req: Request, { params }: { params: Promise<{ deploymentId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, rollbackInput);
    const created = await rollbackDeployment(ctx, (await params).deploymentId, input);
    return Response.json(await getDeployment(ctx, created.id), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
