import { z } from "zod";
import { COMPONENT_KINDS } from "../../validation/types";
import { PRICE_KEYS } from "../../settings/prices";
import { id, jsonObject, page, timestamp } from "./common";

const allowList = z.object(
  Object.fromEntries(COMPONENT_KINDS.map((k) => [k, z.array(z.string())])) as Record<
    (typeof COMPONENT_KINDS)[number],
    z.ZodArray<z.ZodString>
  >,
);

/** lib/settings/definitions.ts OrgSettings, defaults filled in. */
export const orgSettings = z.object({
  "components.allow_list": allowList,
  "opamp.heartbeat_interval_seconds": z.int(),
  "opamp.max_message_bytes": z.int(),
  "deployments.apply_timeout_seconds": z.int(),
  /** Masks applied to every stored sample: built-in kinds and custom RE2 patterns. */
  pii_redaction: z.object({ builtins: z.array(z.string()), custom: z.array(z.string()) }),
  "samples.max_count": z.int(),
  "samples.max_age_days": z.int(),
  /** Blank (null) until set; used by the savings answer's cost estimate. */
  "savings.prices": z.object(
    Object.fromEntries(PRICE_KEYS.map((k) => [k, z.number().nullable()])) as Record<
      (typeof PRICE_KEYS)[number],
      z.ZodNullable<z.ZodNumber>
    >,
  ),
});

export const auditLogPage = page(
  z.object({
    id,
    /** `user:<id>`, `api_key:<id>`, `gateway:<id>` or `system`. */
    actor: z.string(),
    actor_label: z.string(),
    action: z.string(),
    target_type: z.string(),
    target_id: z.string().nullable(),
    /** The target's current name (gateway, template, deployment, transform, token, API key, alert rule or channel). */
    target_name: z.string().nullable(),
    details: jsonObject,
    created_at: timestamp,
  }),
);

/** lib/settings/opamp-config.ts getOpampConfig. */
export const opampConfig = z.object({
  org_id: id,
  opamp_endpoint: z.string(),
  opamp_http_endpoint: z.string(),
  otlp_metrics_endpoint: z.string(),
  otlp_logs_endpoint: z.string(),
  heartbeat_interval_seconds: z.int(),
  max_message_bytes: z.int(),
  server_capabilities: z.object({ value: z.int(), names: z.array(z.string()) }),
  authentication: z.string(),
});

/** lib/agent-ca/manage.ts AgentCaView: the org's agent CA, never its key. */
export const agentCa = z.union([
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    source: z.enum(["generated", "imported"]),
    cert_pem: z.string(),
    subject: z.string(),
    not_after: timestamp,
    fingerprint_sha256: z.string(),
    created_at: timestamp,
  }),
]);
