import { requireContext } from "@/lib/auth/caller";
import { createApiKey, createApiKeyInput } from "@/lib/api-keys/create";
import { listApiKeys } from "@/lib/api-keys/queries";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    const keys = await listApiKeys(ctx);
    return Response.json(keys.map((k) => ({
      id: k.id, name: k.name, role: k.role, prefix: k.prefix, created_at: k.createdAt, last_used_at: k.lastUsedAt, revoked_at: k.revokedAt,
    })));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, createApiKeyInput);
    return Response.json(await createApiKey(ctx, input), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
