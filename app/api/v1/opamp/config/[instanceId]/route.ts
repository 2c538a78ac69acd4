import { getConfigForAgent } from "@/lib/gateways/heartbeat";
import { route } from "@/lib/http/route";

/** Legacy config pull, authenticated by the gateway's OpAMP token. */
export const GET = route("bearer", ({ db, token }, _req, { instanceId }: { instanceId: string }) =>
  getConfigForAgent(db, token, instanceId),
);
