import { createAgentCa, createAgentCaInput, deleteAgentCa, getAgentCa } from "@/lib/agent-ca/manage";
import { parseJsonBody } from "@/lib/http/parse";
import { created, noContent, route } from "@/lib/http/route";

export const GET = route("member", (ctx) => getAgentCa(ctx));

export const POST = route("member", async (ctx, req) =>
  created(await createAgentCa(ctx, await parseJsonBody(req, createAgentCaInput))),
);

export const DELETE = route("member", async (ctx) => {
  await deleteAgentCa(ctx);
  return noContent();
});
