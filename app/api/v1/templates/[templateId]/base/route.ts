import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { setBaseTemplate } from "@/lib/templates/manage";

export async function POST(req: Request, { params }: { params: Promise<{ templateId: string }> }) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await setBaseTemplate(ctx, (await params).templateId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
