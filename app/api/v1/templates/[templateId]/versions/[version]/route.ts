import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseWith } from "@/lib/http/parse";
import { getTemplateVersion } from "@/lib/templates/queries";
import { versionParam } from "@/lib/templates/schemas";

export async function GET(req: Request, { params }: { params: Promise<{ templateId: string; version: string }> }) {
  try {
    const ctx = await requireContext(req);
    const { templateId, version } = await params;
    return Response.json(await getTemplateVersion(ctx, templateId, parseWith(versionParam, version)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
