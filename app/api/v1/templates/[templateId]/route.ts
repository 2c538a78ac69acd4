import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { deleteTemplate, updateTemplate } from "@/lib/templates/manage";
import { getTemplate } from "@/lib/templates/queries";
import { updateTemplateInput } from "@/lib/templates/schemas";

type Params = { params: Promise<{ templateId: string }> };

export async function GET(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await getTemplate(ctx, (await params).templateId));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PATCH(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, updateTemplateInput);
    return Response.json(await updateTemplate(ctx, (await params).templateId, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function DELETE(req: Request, { params }: Params) {
  try {
    const ctx = await requireContext(req);
    await deleteTemplate(ctx, (await params).templateId);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
