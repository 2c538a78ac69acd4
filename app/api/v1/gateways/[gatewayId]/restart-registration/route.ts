import { restartGatewayRegistration } from "@/lib/gateways/register";
import { route } from "@/lib/http/route";

/** Authenticated by a registration token of the gateway's org (Bearer): a gateway that lost its OpAMP token has no other credential. */
export const POST = route("bearer", ({ db, token }, req, { gatewayId }: { gatewayId: string }) =>
  restartGatewayRegistration(db, token, gatewayId, new URL(req.url).searchParams.get("org_id")),
);
