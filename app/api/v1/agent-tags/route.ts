import { requireContext } from "@/lib/auth/caller";
import { addAgentTags, listAgentTags, removeAgentTags } from "@/lib/gateways/tags";
import { addAgentTagsInput, removeAgentTagsInput } from "@/lib/gateways/schemas";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";

const LIMIT = 256 * 1024;

export async function GET(req: Request) {
  try {
    return Response.json(await listAgentTags(await requireContext(req)));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await addAgentTags(ctx, await parseJsonBody(req, addAgentTagsInput, LIMIT)));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function DELETE(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await removeAgentTags(ctx, await parseJsonBody(req, removeAgentTagsInput, LIMIT)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
