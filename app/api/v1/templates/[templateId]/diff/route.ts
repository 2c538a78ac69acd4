import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { diffTemplateVersions } from "@/lib/templates/queries";
import { diffQuery } from "@/lib/templates/schemas";

export const GET = route("member", (ctx, req, { templateId }: { templateId: string }) => {
  const { from, to } = parseQuery(req, diffQuery);
  return diffTemplateVersions(ctx, templateId, from, to);
});
