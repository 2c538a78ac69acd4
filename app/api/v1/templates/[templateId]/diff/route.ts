import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse";
import { diffTemplateVersions } from "@/lib/templates/queries";
import { diffQuery } from "@/lib/templates/schemas";

export async function GET(req: Request, { params }: { params: Promise<{ templateId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const { from, to } = parseQuery(req, diffQuery);
    return Response.json(await diffTemplateVersions(ctx, (await params).templateId, from, to));
  } catch (err) {
    return toErrorResponse(err);
  }
}
