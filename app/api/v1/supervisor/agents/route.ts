import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse";
import { listSupervisorAgents, listSupervisorAgentsQuery } from "@/lib/gateways/supervisor-agents";

/** The org's agents with their OpAMP state (supervisor-mode notes). */
export async function GET(req: Request) {
  try {
    const ctx = await requireContext(req);
    return Response.json(await listSupervisorAgents(ctx, parseQuery(req, listSupervisorAgentsQuery)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
