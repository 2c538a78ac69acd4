import { requireContext } from "@/lib/auth/caller";
import { getGatewayStatus } from "@/lib/gateways/queries";
import { toErrorResponse } from "@/lib/http/errors";

export async function GET(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await getGatewayStatus(ctx, (await params).gatewayId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
