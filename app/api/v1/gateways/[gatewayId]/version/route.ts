import { getGatewayVersion } from "@/lib/gateways/queries";
import { route } from "@/lib/http/route";

export const GET = route("member", (ctx, _req, { gatewayId }: { gatewayId: string }) =>
  getGatewayVersion(ctx, gatewayId),
);
