import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { listTemplateVersions } from "@/lib/templates/queries";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { pageQuery, saveVersionInput } from "@/lib/templates/schemas";

type Params = { params: Promise<{ templateId: string }> };

export async function GET(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await listTemplateVersions(ctx, (await params).templateId, parseQuery(req, pageQuery)));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, saveVersionInput);
    return Response.json(await saveTemplateVersion(ctx, (await params).templateId, input), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
