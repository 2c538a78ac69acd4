import { z } from "zod";
import { pageQuery } from "../http/pagination";
import { ROLLOUT_STATUSES } from "../deployments/statuses";

export const INSTANCE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export const instanceIdSchema = z
  .string()
  .trim()
  .min(1, "instance_id is required")
  .max(128)
  .regex(INSTANCE_ID_RE, "instance_id may contain letters, digits, '.', '_', ':' and '-'");

/** Body of POST /api/v1/gateways, the registration request (docs/api/gateways.md). */
export const registerGatewayInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  instance_id: instanceIdSchema,
  hostname: z.string().trim().max(253).nullish(),
  ip_address: z.union([z.ipv4(), z.ipv6()], { error: "ip_address must be an IPv4 or IPv6 address" }).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type RegisterGatewayInput = z.input<typeof registerGatewayInput>;

/** Registration bodies are small; anything bigger is refused before parsing. */
export const REGISTRATION_BODY_LIMIT = 64 * 1024;

// Tags follow Kubernetes label syntax: an optional DNS-subdomain prefix and "/", then a name of ≤ 63 characters.
const LABEL_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function isValidTagKey(key: string): boolean {
  const slash = key.indexOf("/");
  if (slash === -1) return LABEL_NAME.test(key);
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix) && LABEL_NAME.test(key.slice(slash + 1));
}

export function isValidTagValue(value: string): boolean {
  return value === "" || LABEL_NAME.test(value);
}

export const tagKeySchema = z.string().refine(isValidTagKey, {
  error:
    "Tag keys look like Kubernetes label keys: [prefix/]name, name ≤ 63 characters of letters, digits, '-', '_', '.', starting and ending alphanumeric",
});
export const tagValueSchema = z.string().refine(isValidTagValue, {
  error: "Tag values are empty or ≤ 63 characters of letters, digits, '-', '_', '.', starting and ending alphanumeric",
});

const MAX_TAGS = 64;
export const tagMapSchema = z
  .record(tagKeySchema, tagValueSchema)
  .refine((t) => Object.keys(t).length <= MAX_TAGS, { error: `At most ${MAX_TAGS} tags per gateway` });

export const setGatewayTagsInput = z.object({ tags: tagMapSchema });
export type SetGatewayTagsInput = z.input<typeof setGatewayTagsInput>;

const gatewayIds = z.array(z.uuid("gateway_ids must be UUIDs")).min(1, "gateway_ids is required").max(1000);
export const addAgentTagsInput = z.object({ gateway_ids: gatewayIds, tags: tagMapSchema });
export type AddAgentTagsInput = z.input<typeof addAgentTagsInput>;
export const removeAgentTagsInput = z.object({
  gateway_ids: gatewayIds,
  keys: z.array(tagKeySchema).min(1, "keys is required").max(MAX_TAGS),
});
export type RemoveAgentTagsInput = z.input<typeof removeAgentTagsInput>;

export const GATEWAY_STATUSES = ["registered", "active", "inactive", "error"] as const;
export const HEALTH_STATUSES = ["healthy", "warning", "unhealthy", "offline", "unknown"] as const;
export const GATEWAY_SORTS = [
  "name",
  "instance_id",
  "status",
  "last_seen",
  "created_at",
  "transport",
  "ip_address",
  "agent_version",
  "active_since",
  "current_config",
  "rollout_state",
  "os",
  "arch",
] as const;
/** A gateway's state in its newest deployment, or "none" for a gateway no deployment included. */
export const ROLLOUT_STATE_FILTERS = [...ROLLOUT_STATUSES, "none"] as const;

/** `tag` is "key=value" or "key"; several are comma-separated and must all match. */
const tagFilter = z
  .string()
  .max(2000)
  .transform((s, zctx) => {
    const out: { key: string; value?: string }[] = [];
    for (const part of s
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const eq = part.indexOf("=");
      const key = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? undefined : part.slice(eq + 1);
      if (!isValidTagKey(key) || (value !== undefined && !isValidTagValue(value))) {
        zctx.addIssue({ code: "custom", message: `Invalid tag filter "${part}": use key=value or key` });
        return z.NEVER;
      }
      out.push({ key, value });
    }
    return out;
  });

export const listGatewaysQuery = pageQuery({ maxLimit: 200, defaultLimit: 50 }).extend({
  status: z.enum(GATEWAY_STATUSES).optional(),
  health: z.enum(HEALTH_STATUSES).optional(),
  drift: z
    .enum(["true", "false"], { error: "drift must be true or false" })
    .transform((v) => v === "true")
    .optional(),
  tag: tagFilter.optional(),
  q: z.string().trim().max(200).optional(),
  template_id: z.uuid("template_id must be a UUID").optional(),
  rollout_state: z.enum(ROLLOUT_STATE_FILTERS).optional(),
  os: z.string().trim().min(1).max(200).optional(),
  arch: z.string().trim().min(1).max(64).optional(),
  sort: z.enum(GATEWAY_SORTS).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type ListGatewaysQuery = z.input<typeof listGatewaysQuery>;

/** Distinct tag pairs are few per org; the default page holds them all in practice. */
export const listAgentTagsQuery = pageQuery({ maxLimit: 1000, defaultLimit: 500 });
export type ListAgentTagsQuery = z.input<typeof listAgentTagsQuery>;

export const heartbeatInput = z.object({
  current_config_version: z.number().int().min(0).nullish(),
  metrics: z
    .object({
      logs_processed: z.number().nonnegative().optional(),
      errors: z.number().nonnegative().optional(),
      latency_ms: z.number().nonnegative().nullish(),
      throughput_per_sec: z.number().nonnegative().nullish(),
    })
    .nullish(),
});
export type HeartbeatInput = z.input<typeof heartbeatInput>;
export const HEARTBEAT_BODY_LIMIT = 16 * 1024;
