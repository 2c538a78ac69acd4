import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { getSupervisorAgent } from "@/lib/gateways/supervisor-agents";

export async function GET(req: Request, { params }: { params: Promise<{ instanceId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await getSupervisorAgent(ctx, (await params).instanceId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
