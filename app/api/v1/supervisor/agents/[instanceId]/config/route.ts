import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { pushConfigInput, pushSupervisorAgentConfig } from "@/lib/gateways/supervisor-actions";

/** Pushes a config to the agent now: its desired config, or (with template_id) a template version deployed to it. */
export async function POST(req: Request, { params }: { params: Promise<{ instanceId: string }> }) {
  try {
    const ctx = await requireContext(req);
    const input = await parseJsonBody(req, pushConfigInput, 16 * 1024);
    return Response.json(await pushSupervisorAgentConfig(ctx, (await params).instanceId, input), { status: 202 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
