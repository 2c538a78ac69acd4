import { accepted, route } from "@/lib/http/route";
import { restartSupervisorAgent } from "@/lib/gateways/supervisor-actions";

export const POST = route("member", async (ctx, _req, { instanceId }: { instanceId: string }) =>
  accepted(await restartSupervisorAgent(ctx, instanceId)),
);
