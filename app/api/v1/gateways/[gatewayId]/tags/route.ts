import { setGatewayTags } from "@/lib/gateways/tags";
import { setGatewayTagsInput } from "@/lib/gateways/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const PUT = route("member", async (ctx, req, { gatewayId }: { gatewayId: string }) =>
  setGatewayTags(ctx, gatewayId, await parseJsonBody(req, setGatewayTagsInput, 64 * 1024)),
);
