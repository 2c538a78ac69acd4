import type { Ctx } from "../auth/context";
import { publicUrl } from "../config";
import { opampEndpointUrl } from "../gateways/lookup";
import { SERVER_CAPABILITIES } from "../opamp/types";
import { readSettings } from "./queries";

/** Every ServerCapabilities bit of the OpAMP spec, to name the ones the server actually offers. */
const SERVER_CAPABILITY_NAMES = [
  { name: "AcceptsStatus", bit: 0x1n },
  { name: "OffersRemoteConfig", bit: 0x2n },
  { name: "AcceptsEffectiveConfig", bit: 0x4n },
  { name: "OffersPackages", bit: 0x8n },
  { name: "AcceptsPackagesStatus", bit: 0x10n },
  { name: "OffersConnectionSettings", bit: 0x20n },
  { name: "AcceptsConnectionSettingsRequest", bit: 0x40n },
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
      value: Number(SERVER_CAPABILITIES),
      names: SERVER_CAPABILITY_NAMES.filter((c) => (SERVER_CAPABILITIES & c.bit) !== 0n).map((c) => c.name),
    },
    authentication: "Authorization: Bearer <opamp_token> (issued at gateway registration)",
  };
}
