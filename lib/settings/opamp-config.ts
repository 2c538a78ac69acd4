import type { Ctx } from "../auth/context";
import { publicUrl } from "../config";
import { opampEndpointUrl } from "../gateways/lookup";
import { readSettings } from "./queries";

/**
 * ServerCapabilities bits FlowGate offers (OpAMP spec, ServerToAgent.capabilities): it accepts status and
 * effective config, offers remote config and OpAMP/own-telemetry connection settings.
 */
export const SERVER_CAPABILITIES = [
  { name: "AcceptsStatus", bit: 0x1 },
  { name: "OffersRemoteConfig", bit: 0x2 },
  { name: "AcceptsEffectiveConfig", bit: 0x4 },
  { name: "OffersConnectionSettings", bit: 0x20 },
] as const;

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
      value: SERVER_CAPABILITIES.reduce((acc, c) => acc | c.bit, 0),
      names: SERVER_CAPABILITIES.map((c) => c.name),
    },
    authentication: "Authorization: Bearer <opamp_token> (issued at gateway registration)",
  };
}
