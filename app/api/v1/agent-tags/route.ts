import { addAgentTags, listAgentTags, removeAgentTags } from "@/lib/gateways/tags";
import { addAgentTagsInput, listAgentTagsQuery, removeAgentTagsInput } from "@/lib/gateways/schemas";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

const LIMIT = 256 * 1024;

export const GET = route("member", (ctx, req) => listAgentTags(ctx, parseQuery(req, listAgentTagsQuery)));

export const POST = route("member", async (ctx, req) =>
  addAgentTags(ctx, await parseJsonBody(req, addAgentTagsInput, LIMIT)),
);

export const DELETE = route("member", async (ctx, req) =>
  removeAgentTags(ctx, await parseJsonBody(req, removeAgentTagsInput, LIMIT)),
);
