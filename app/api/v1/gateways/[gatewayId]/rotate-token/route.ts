import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { route } from "@/lib/http/route";

export const POST = route("member", (ctx, _req, { gatewayId }: { gatewayId: string }) =>
  rotateGatewayToken(ctx, gatewayId),
);
