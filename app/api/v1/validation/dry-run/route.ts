import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { dryRun, dryRunInput } from "@/lib/validation/dry-run";

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, dryRunInput);
    return Response.json(await dryRun(ctx, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
