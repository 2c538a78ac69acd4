import { z } from "zod";
import { requireContext } from "@/lib/auth/caller";
import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { toErrorResponse } from "@/lib/http/errors";
import { parseWith } from "@/lib/http/parse";

export async function DELETE(req: Request, { params }: { params: Promise<{ tokenId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const tokenId = parseWith(z.uuid("tokenId must be a UUID"), (await params).tokenId);
    await revokeRegistrationToken(ctx, tokenId);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
