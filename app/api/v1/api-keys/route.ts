import { createApiKey, createApiKeyInput } from "@/lib/api-keys/create";
import { apiKeyJson, listApiKeys, listApiKeysQuery } from "@/lib/api-keys/queries";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";

export const GET = route("member", async (ctx, req) => {
  const page = await listApiKeys(ctx, parseQuery(req, listApiKeysQuery));
  return { ...page, items: page.items.map(apiKeyJson) };
});

export const POST = route("member", async (ctx, req) =>
  created(await createApiKey(ctx, await parseJsonBody(req, createApiKeyInput))),
);
