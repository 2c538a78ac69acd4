import { parseJsonBody } from "@/lib/http/parse";
import { accepted, route } from "@/lib/http/route";
import { pushConfigInput, pushSupervisorAgentConfig } from "@/lib/gateways/supervisor-actions";

/** Pushes a config to the agent now: its desired config, or (with template_id) a template version deployed to it. */
export const POST = route("member", async (ctx, req, { instanceId }: { instanceId: string }) =>
  accepted(await pushSupervisorAgentConfig(ctx, instanceId, await parseJsonBody(req, pushConfigInput, 16 * 1024))),
);
