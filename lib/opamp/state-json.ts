import { hashConfigMap, type ConfigFile } from "../config-distribution/config-map";
import type { AgentToServer, AnyValue, ComponentDetails, ComponentHealth, ConfigFileMap, KeyValue } from "./types";
import { RemoteConfigStatusName } from "./types";

/**
 * Converts reported OpAMP sub-messages to the JSON kept in the gateways row (snake_case keys as in the proto,
 * hashes as hex, uint64 nanosecond timestamps as decimal strings because they exceed 2^53).
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function anyValueToJson(v: AnyValue | undefined): Json {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number.isSafeInteger(Number(v.intValue)) ? Number(v.intValue) : v.intValue;
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(anyValueToJson);
  if (v.kvlistValue) return keyValuesToJson(v.kvlistValue.values);
  if (v.bytesValue) return Buffer.from(v.bytesValue).toString("base64");
  return null;
}

export function keyValuesToJson(kvs: KeyValue[] | undefined): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const kv of kvs ?? []) out[kv.key] = anyValueToJson(kv.value);
  return out;
}

const hex = (b: Uint8Array | undefined) => (b && b.length ? Buffer.from(b).toString("hex") : "");

export function descriptionToJson(d: NonNullable<AgentToServer["agentDescription"]>) {
  return {
    identifying_attributes: keyValuesToJson(d.identifyingAttributes),
    non_identifying_attributes: keyValuesToJson(d.nonIdentifyingAttributes),
  };
}

/** Version, hostname and OS from resource semantic-convention attributes, identifying ones first. */
export function descriptionFacts(d: ReturnType<typeof descriptionToJson>) {
  const attrs = { ...d.non_identifying_attributes, ...d.identifying_attributes };
  const str = (k: string) => (typeof attrs[k] === "string" && attrs[k] !== "" ? (attrs[k] as string) : null);
  return {
    agentVersion: str("service.version"),
    hostname: str("host.name"),
    os: str("os.description") ?? str("os.type"),
  };
}

export function healthToJson(h: ComponentHealth): { [k: string]: Json } {
  const map: { [k: string]: Json } = {};
  for (const [name, child] of Object.entries(h.componentHealthMap ?? {})) map[name] = healthToJson(child);
  return {
    healthy: h.healthy ?? false,
    start_time_unix_nano: h.startTimeUnixNano ?? "0",
    last_error: h.lastError ?? "",
    status: h.status ?? "",
    status_time_unix_nano: h.statusTimeUnixNano ?? "0",
    component_health_map: map,
    attributes: keyValuesToJson(h.attributes),
  };
}

export function configFiles(map: ConfigFileMap | undefined): ConfigFile[] {
  return Object.entries(map ?? {}).map(([name, f]) => ({
    name,
    body: Buffer.from(f.body ?? Buffer.alloc(0)).toString("utf8"),
    contentType: f.contentType ?? "",
  }));
}

/** The effective config as one text (a single file as is; several as named sections) and its config-map hash. */
export function effectiveConfigText(files: ConfigFile[]): { text: string; hash: string } {
  const sorted = [...files].sort((a, b) => (a.name === "" ? 1 : b.name === "" ? -1 : a.name.localeCompare(b.name)));
  const text =
    sorted.length === 1
      ? sorted[0].body
      : sorted.map((f) => `# --- ${f.name || "(default)"} ---\n${f.body}`).join("\n");
  return { text, hash: hashConfigMap(files) };
}

type StatusReport = { status?: number; errorMessage?: string };
const statusName = (s: StatusReport) => RemoteConfigStatusName[s.status ?? 0] ?? "UNSET";

export function remoteConfigStatusToJson(s: NonNullable<AgentToServer["remoteConfigStatus"]>) {
  return {
    last_remote_config_hash: hex(s.lastRemoteConfigHash),
    status: statusName(s),
    error_message: s.errorMessage ?? "",
    reported_at: new Date().toISOString(),
  };
}

export function connectionSettingsStatusToJson(s: NonNullable<AgentToServer["connectionSettingsStatus"]>) {
  return {
    last_connection_settings_hash: hex(s.lastConnectionSettingsHash),
    status: statusName(s),
    error_message: s.errorMessage ?? "",
  };
}

const PACKAGE_STATUS = ["Installed", "InstallPending", "Installing", "InstallFailed", "Downloading"];

export function packageStatusesToJson(p: NonNullable<AgentToServer["packageStatuses"]>) {
  const packages: { [k: string]: Json } = {};
  for (const [name, s] of Object.entries(p.packages ?? {})) {
    packages[name] = {
      name: String(s.name ?? name),
      agent_has_version: String(s.agentHasVersion ?? ""),
      agent_has_hash: hex(s.agentHasHash as Buffer | undefined),
      server_offered_version: String(s.serverOfferedVersion ?? ""),
      server_offered_hash: hex(s.serverOfferedHash as Buffer | undefined),
      status: PACKAGE_STATUS[Number(s.status ?? 0)] ?? String(s.status),
      error_message: String(s.errorMessage ?? ""),
    };
  }
  return {
    packages,
    server_provided_all_packages_hash: hex(p.serverProvidedAllPackagesHash),
    error_message: p.errorMessage ?? "",
  };
}

function componentsToJson(map: Record<string, ComponentDetails> | undefined): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [name, d] of Object.entries(map ?? {})) {
    out[name] = { metadata: keyValuesToJson(d.metadata), sub_component_map: componentsToJson(d.subComponentMap) };
  }
  return out;
}

export function availableComponentsToJson(a: NonNullable<AgentToServer["availableComponents"]>) {
  return { hash: hex(a.hash), components: componentsToJson(a.components) };
}

export { hex as bytesToHex };
