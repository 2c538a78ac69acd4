import { z } from "zod";
import { requireContext } from "@/lib/auth/caller";
import { revokeApiKey } from "@/lib/api-keys/revoke";
import { toErrorResponse } from "@/lib/http/errors";
import { parseWith } from "@/lib/http/parse";

export async function DELETE(req: Request, { params }: { params: Promise<{ keyId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const keyId = parseWith(z.uuid("keyId must be a UUID"), (await params).keyId);
    await revokeApiKey(ctx, keyId);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
