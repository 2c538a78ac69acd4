import { getDb } from "@/lib/db/client";
import { getConfigForAgent } from "@/lib/gateways/heartbeat";
import { bearerToken } from "@/lib/gateways/opamp-token";
import { toErrorResponse } from "@/lib/http/errors";

/** Legacy config pull, authenticated by the gateway's OpAMP token. */
export async function GET(req: Request, { params }: { params: Promise<{ instanceId: string }> }) {
  try {
    const token = bearerToken(req.headers.get("authorization"));
    return Response.json(await getConfigForAgent(await getDb(), token, (await params).instanceId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
