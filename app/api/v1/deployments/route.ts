import { requireContext } from "@/lib/auth/caller";
import { createDeployment } from "@/lib/deployments/create";
import { getDeployment, listDeployments } from "@/lib/deployments/queries";
import { createDeploymentInput } from "@/lib/deployments/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await listDeployments(ctx, Object.fromEntries(new URL(req.url).searchParams)));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, createDeploymentInput);
    const created = await createDeployment(ctx, input);
    return Response.json(await getDeployment(ctx, created.id), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
