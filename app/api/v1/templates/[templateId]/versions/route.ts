import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";
import { listTemplateVersions } from "@/lib/templates/queries";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { listTemplateVersionsQuery, saveVersionInput } from "@/lib/templates/schemas";

type Params = { templateId: string };

export const GET = route("member", (ctx, req, { templateId }: Params) =>
  listTemplateVersions(ctx, templateId, parseQuery(req, listTemplateVersionsQuery)),
);

export const POST = route("member", async (ctx, req, { templateId }: Params) =>
  created(await saveTemplateVersion(ctx, templateId, await parseJsonBody(req, saveVersionInput))),
);
