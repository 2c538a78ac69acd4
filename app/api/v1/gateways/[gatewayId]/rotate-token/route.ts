import { requireContext } from "@/lib/auth/caller";
import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { toErrorResponse } from "@/lib/http/errors";

export async function POST(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await rotateGatewayToken(ctx, (await params).gatewayId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
