import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { restartSupervisorAgent } from "@/lib/gateways/supervisor-actions";

export async function POST(req: Request, { params }: { params: Promise<{ instanceId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await restartSupervisorAgent(ctx, (await params).instanceId), { status: 202 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
