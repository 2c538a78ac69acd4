import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse";
import { listAuditPage } from "@/lib/audit/queries";
import { pageQuery } from "@/lib/templates/schemas";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await listAuditPage(ctx, parseQuery(req, pageQuery)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
