import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { updateSettingsInput } from "@/lib/settings/definitions";
import { getSettings } from "@/lib/settings/queries";
import { updateSettings } from "@/lib/settings/update";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await getSettings(ctx));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PUT(req: Request) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, updateSettingsInput);
    return Response.json(await updateSettings(ctx, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
