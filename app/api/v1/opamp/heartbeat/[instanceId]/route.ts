import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordHeartbeat } from "@/lib/gateways/heartbeat";
import { bearerToken } from "@/lib/gateways/opamp-token";
import { HEARTBEAT_BODY_LIMIT } from "@/lib/gateways/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

/** Legacy heartbeat for heartbeat.sh, authenticated by the gateway's OpAMP token. */
export async function POST(req: Request, { params }: { params: Promise<{ instanceId: string }> }) {
  try {
    const token = bearerToken(req.headers.get("authorization"));
    const body = () => parseJsonBody(req, z.unknown(), HEARTBEAT_BODY_LIMIT);
    return Response.json(await recordHeartbeat(await getDb(), token, (await params).instanceId, body));
  } catch (err) {
    return toErrorResponse(err);
  }
}
