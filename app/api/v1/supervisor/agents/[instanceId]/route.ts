import { route } from "@/lib/http/route";
import { getSupervisorAgent } from "@/lib/gateways/supervisor-agents";

export const GET = route("member", (ctx, _req, { instanceId }: { instanceId: string }) =>
  getSupervisorAgent(ctx, instanceId),
);
