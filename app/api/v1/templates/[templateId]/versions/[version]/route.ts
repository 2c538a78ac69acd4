import { parseWith } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { getTemplateVersion } from "@/lib/templates/queries";
import { versionParam } from "@/lib/templates/schemas";

export const GET = route("member", (ctx, _req, { templateId, version }: { templateId: string; version: string }) =>
  getTemplateVersion(ctx, templateId, parseWith(versionParam, version)),
);
