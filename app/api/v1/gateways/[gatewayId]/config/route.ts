import { requireContext } from "@/lib/auth/caller";
import { NotFoundError } from "@/lib/errors";
import { getGatewayConfig } from "@/lib/gateways/queries";
import { toErrorResponse } from "@/lib/http/errors";

export async function GET(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const config = await getGatewayConfig(ctx, (await params).gatewayId);
    if (config.config_yaml === null) throw new NotFoundError("Gateway not found or no active config");
    return Response.json(config);
  } catch (err) {
    return toErrorResponse(err);
  }
}
