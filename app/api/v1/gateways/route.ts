import { requireContext } from "@/lib/auth/caller";
import { getDb } from "@/lib/db/client";
import { bearerToken } from "@/lib/gateways/opamp-token";
import { listGateways } from "@/lib/gateways/queries";
import { registerGateway } from "@/lib/gateways/register";
import { REGISTRATION_BODY_LIMIT } from "@/lib/gateways/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { z } from "zod";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    const params = Object.fromEntries(new URL(req.url).searchParams.entries());
    return Response.json(await listGateways(ctx, params));
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** Registration: authenticated by the registration token (Bearer), not by a user or API key. */
export async function POST(req: Request) {
  try {
    const token = bearerToken(req.headers.get("authorization"));
    const body = () => parseJsonBody(req, z.unknown(), REGISTRATION_BODY_LIMIT);
    return Response.json(await registerGateway(await getDb(), token, body), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
