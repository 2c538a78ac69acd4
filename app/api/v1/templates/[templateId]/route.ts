import { parseJsonBody } from "@/lib/http/parse";
import { noContent, route } from "@/lib/http/route";
import { deleteTemplate, updateTemplate } from "@/lib/templates/manage";
import { getTemplate } from "@/lib/templates/queries";
import { updateTemplateInput } from "@/lib/templates/schemas";

type Params = { templateId: string };

export const GET = route("member", (ctx, _req, { templateId }: Params) => getTemplate(ctx, templateId));

export const PATCH = route("member", async (ctx, req, { templateId }: Params) =>
  updateTemplate(ctx, templateId, await parseJsonBody(req, updateTemplateInput)),
);

export const DELETE = route("member", async (ctx, _req, { templateId }: Params) => {
  await deleteTemplate(ctx, templateId);
  return noContent();
});
