import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { listSupervisorAgents, listSupervisorAgentsQuery } from "@/lib/gateways/supervisor-agents";

/** The org's agents with their OpAMP state (supervisor-mode notes). */
export const GET = route("member", (ctx, req) => listSupervisorAgents(ctx, parseQuery(req, listSupervisorAgentsQuery)));
