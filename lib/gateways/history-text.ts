/** Sentences for a gateway's history rows: server-seen events and audit actions, never raw JSON. */
type Details = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const shortHash = (d: Details) => (str(d.hash) ? ` (hash ${str(d.hash)!.slice(0, 12)})` : "");
const version = (d: Details) => (typeof d.version === "number" ? ` v${d.version}` : "");

const SEEN: Record<string, (d: Details) => string> = {
  connected: (d) => `Connected${str(d.transport) ? ` over ${d.transport === "http" ? "HTTP" : "WebSocket"}` : ""}`,
  disconnected: (d) =>
    d.reason === "silent"
      ? "Marked disconnected: no message for three heartbeat intervals"
      : d.reason === "server_shutdown"
        ? "Disconnected: the server shut down"
        : "Disconnected",
  config_sent: (d) => `Config${version(d)} sent${shortHash(d)}`,
  config_applied: (d) => `Config${version(d)} applied${shortHash(d)}`,
  config_failed: (d) => `Config${version(d)} failed to apply${shortHash(d)}${str(d.error) ? `: ${d.error}` : ""}`,
  health_unhealthy: (d) => `Reported unhealthy${str(d.reason) ? `: ${d.reason}` : ""}`,
  health_recovered: () => "Reported healthy again",
  restarted: () => "The collector restarted",
  restart_sent: () => "Restart command sent",
};

const ACTIONS: Record<string, string> = {
  "gateway.register": "Registered",
  "gateway.reregister": "Registered again",
  "gateway.delete": "Deleted",
  "gateway.restart": "Restart requested",
  "gateway.restart_registration": "Registration restarted",
  "gateway.rotate_token": "OpAMP token rotated",
  "gateway.config_push": "Config pushed",
  "gateway.set_tags": "Tags changed",
  "gateway.add_tags": "Tags added",
  "gateway.remove_tags": "Tags removed",
};

function actorText(actor: string): string {
  const kind = actor.split(":")[0];
  if (kind === "user") return "a user";
  if (kind === "api_key") return "an API key";
  if (kind === "registration_token") return "a registration token";
  if (kind === "gateway") return "the gateway";
  return kind.replace(/_/g, " ");
}

export function describeGatewayEvent(kind: string, details: Details, actor: string): string {
  const seen = SEEN[kind];
  if (seen && actor === "system") return seen(details);
  const action = ACTIONS[kind] ?? capitalize(kind.replace(/^gateway\./, "").replace(/[._]/g, " "));
  return `${action} by ${actorText(actor)}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
