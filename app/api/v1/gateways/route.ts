import { listGateways } from "@/lib/gateways/queries";
import { registerGateway } from "@/lib/gateways/register";
import { REGISTRATION_BODY_LIMIT } from "@/lib/gateways/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { created, route, searchParams } from "@/lib/http/route";
import { z } from "zod";

export const GET = route("member", (ctx, req) => listGateways(ctx, searchParams(req)));

/** Registration: authenticated by the registration token (Bearer), not by a user or API key. */
export const POST = route("bearer", async ({ db, token }, req) =>
  created(await registerGateway(db, token, () => parseJsonBody(req, z.unknown(), REGISTRATION_BODY_LIMIT))),
);
