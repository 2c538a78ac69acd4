import { NotFoundError } from "@/lib/errors";
import { getGatewayConfig } from "@/lib/gateways/queries";
import { route } from "@/lib/http/route";

export const GET = route("member", async (ctx, _req, { gatewayId }: { gatewayId: string }) => {
  const config = await getGatewayConfig(ctx, gatewayId);
  if (config.config_yaml === null) throw new NotFoundError("Gateway not found or no active config");
  return config;
});
