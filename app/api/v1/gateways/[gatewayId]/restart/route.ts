import { requestGatewayRestart } from "@/lib/gateways/restart";
import { accepted, route } from "@/lib/http/route";

export const POST = route("member", async (ctx, _req, { gatewayId }: { gatewayId: string }) =>
  accepted(await requestGatewayRestart(ctx, gatewayId)),
);
