import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { getOpampConfig } from "@/lib/settings/opamp-config";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await getOpampConfig(ctx));
  } catch (err) {
    return toErrorResponse(err);
  }
}
