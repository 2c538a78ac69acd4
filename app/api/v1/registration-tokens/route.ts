import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { listRegistrationTokens, listRegistrationTokensQuery } from "@/lib/registration-tokens/queries";
import { createRegistrationTokenInput } from "@/lib/registration-tokens/schemas";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";

export const GET = route("member", (ctx, req) =>
  listRegistrationTokens(ctx, parseQuery(req, listRegistrationTokensQuery)),
);

export const POST = route("member", async (ctx, req) =>
  created(await createRegistrationToken(ctx, await parseJsonBody(req, createRegistrationTokenInput, 16 * 1024))),
);
