import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";
import { createTemplate } from "@/lib/templates/create";
import { listTemplates } from "@/lib/templates/queries";
import { createTemplateInput, listTemplatesQuery } from "@/lib/templates/schemas";

export const GET = route("member", (ctx, req) => listTemplates(ctx, parseQuery(req, listTemplatesQuery)));

export const POST = route("member", async (ctx, req) =>
  created(await createTemplate(ctx, await parseJsonBody(req, createTemplateInput))),
);
