import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { createTemplate } from "@/lib/templates/create";
import { listTemplates } from "@/lib/templates/queries";
import { createTemplateInput, listTemplatesQuery } from "@/lib/templates/schemas";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await listTemplates(ctx, parseQuery(req, listTemplatesQuery)));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, createTemplateInput);
    return Response.json(await createTemplate(ctx, input), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
