import { deleteGateway } from "@/lib/gateways/delete";
import { getGatewayDetail } from "@/lib/gateways/queries";
import { noContent, route } from "@/lib/http/route";

type Params = { gatewayId: string };

export const GET = route("member", (ctx, _req, { gatewayId }: Params) => getGatewayDetail(ctx, gatewayId));

export const DELETE = route("member", async (ctx, _req, { gatewayId }: Params) => {
  await deleteGateway(ctx, gatewayId);
  return noContent();
});
