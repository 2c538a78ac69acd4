import type { Ctx } from "../auth/context";
import { publicUrl } from "../config";
import { opampEndpointUrl } from "../gateways/lookup";
import { decodeServerCapabilities, SERVER_CAPABILITIES } from "../opamp/capabilities";
import { readSettings } from "./queries";

const OPAMP_PATH = "/api/v1/opamp/v1/opamp";

/** The OpAMP-facing view of this server for one org: where agents connect and what they are offered. */
export async function getOpampConfig(ctx: Ctx) {
  const s = await readSettings(ctx.db, ctx.orgId);
  const base = publicUrl();
  return {
    org_id: ctx.orgId,
    opamp_endpoint: opampEndpointUrl(),
    opamp_http_endpoint: base + OPAMP_PATH,
    otlp_metrics_endpoint: `${base}/api/v1/otlp/v1/metrics`,
    otlp_logs_endpoint: `${base}/api/v1/otlp/v1/logs`,
    heartbeat_interval_seconds: s["opamp.heartbeat_interval_seconds"],
    max_message_bytes: s["opamp.max_message_bytes"],
    server_capabilities: {
      value: Number(SERVER_CAPABILITIES),
      names: decodeServerCapabilities(SERVER_CAPABILITIES),
    },
    authentication: "Authorization: Bearer <opamp_token> (issued at gateway registration)",
  };
}
