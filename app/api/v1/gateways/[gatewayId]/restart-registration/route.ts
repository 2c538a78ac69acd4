import { getDb } from "@/lib/db/client";
import { bearerToken } from "@/lib/gateways/opamp-token";
import { restartGatewayRegistration } from "@/lib/gateways/register";
import { toErrorResponse } from "@/lib/http/errors";

/** Authenticated by a registration token of the gateway's org (Bearer), as in the design notes. */
export async function POST(req: Request, { params }: { params: Promise<{ gatewayId: string }> }) {
  try {
    const token = bearerToken(req.headers.get("authorization"));
    const orgId = new URL(req.url).searchParams.get("org_id");
    return Response.json(await restartGatewayRegistration(await getDb(), token, (await params).gatewayId, orgId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
