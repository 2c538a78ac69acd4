import { requireContext } from "@/lib/auth/caller";
import { deleteGateway } from "@/lib/gateways/delete";
import { getGatewayDetail } from "@/lib/gateways/queries";
import { toErrorResponse } from "@/lib/http/errors";

type Params = { params: Promise<{ gatewayId: string }> };

export async function GET(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await getGatewayDetail(ctx, (await params).gatewayId));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function DELETE(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    await deleteGateway(ctx, (await params).gatewayId);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
