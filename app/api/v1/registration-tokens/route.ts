import { requireContext } from "@/lib/auth/caller";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { listRegistrationTokens } from "@/lib/registration-tokens/queries";
import { createRegistrationTokenInput } from "@/lib/registration-tokens/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await listRegistrationTokens(ctx));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, createRegistrationTokenInput, 16 * 1024);
    return Response.json(await createRegistrationToken(ctx, input), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
