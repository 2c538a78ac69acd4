import { z } from "zod";

/** The Agents table's columns a user may hide (name and the selection always show), by column id. */
export const AGENT_COLUMNS = [
  "instance_id",
  "status",
  "health",
  "current_config",
  "rollout_state",
  "drift",
  "version",
  "otel_version",
  "os",
  "transport",
  "ip_address",
  "active_since",
  "tags",
  "last_seen",
] as const;

const savedView = z.object({
  name: z.string().trim().min(1, "A view needs a name").max(60),
  /** The table's query string, e.g. `status=active&tag=env=prod`: what the view's shareable URL carries. */
  query: z.string().max(2000),
});

/** Each preference key and the shape of its value. */
export const PREFERENCES = {
  "agents.columns": z.object({ hidden: z.array(z.enum(AGENT_COLUMNS)).max(AGENT_COLUMNS.length) }).strict(),
  "agents.views": z.object({ views: z.array(savedView).max(50) }).strict(),
} as const;
export type PreferenceKey = keyof typeof PREFERENCES;
export const PREFERENCE_KEYS = Object.keys(PREFERENCES) as PreferenceKey[];
export const preferenceKey = z.enum(PREFERENCE_KEYS as [PreferenceKey, ...PreferenceKey[]], {
  error: `Unknown preference; one of ${PREFERENCE_KEYS.join(", ")}`,
});
export const DEFAULTS: { [K in PreferenceKey]: z.output<(typeof PREFERENCES)[K]> } = {
  "agents.columns": { hidden: ["otel_version", "os", "ip_address"] },
  "agents.views": { views: [] },
};
