import { z } from "zod";
import { recordHeartbeat } from "@/lib/gateways/heartbeat";
import { HEARTBEAT_BODY_LIMIT } from "@/lib/gateways/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/** Legacy heartbeat for heartbeat.sh, authenticated by the gateway's OpAMP token. */
export const POST = route("bearer", ({ db, token }, req, { instanceId }: { instanceId: string }) =>
  recordHeartbeat(db, token, instanceId, () => parseJsonBody(req, z.unknown(), HEARTBEAT_BODY_LIMIT)),
);
