import { createHash } from "node:crypto";

/** One file of an OpAMP AgentConfigMap. FlowGate sends a single YAML file under the key "" (what the supervisor merges last). */
export type ConfigFile = { name: string; body: string; contentType: string };

export const COLLECTOR_CONFIG_CONTENT_TYPE = "text/yaml";

export function collectorConfigMap(yaml: string): ConfigFile[] {
  return [{ name: "", body: yaml, contentType: COLLECTOR_CONFIG_CONTENT_TYPE }];
}

/**
 * Deterministic hash of a config map over names, bodies and content types (OpAMP requires a stable, non-empty
 * config_hash; agents echo it back in RemoteConfigStatus). Hex SHA-256; the wire carries the 32 raw bytes.
 */
export function hashConfigMap(files: ConfigFile[]): string {
  const h = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    for (const part of [f.name, f.contentType, f.body]) {
      const bytes = Buffer.from(part, "utf8");
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      h.update(len).update(bytes); // length-prefixed so ("a","bc") and ("ab","c") differ
    }
  }
  return h.digest("hex");
}
