import { requireContext } from "@/lib/auth/caller";
import { requestGatewayRestart } from "@/lib/gateways/restart";
import { toErrorResponse } from "@/lib/http/errors";

export async function POST(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await requestGatewayRestart(ctx, (await params).gatewayId), { status: 202 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
