import { requireContext } from "@/lib/auth/caller";
import { setGatewayTags } from "@/lib/gateways/tags";
import { setGatewayTagsInput } from "@/lib/gateways/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

export async function PUT(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, setGatewayTagsInput, 64 * 1024);
    return Response.json(await setGatewayTags(ctx, (await params).gatewayId, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
