import { z } from "zod";
import { GATEWAY_STATUSES, HEALTH_STATUSES } from "../../gateways/schemas";
import { ROLLOUT_STATUSES } from "../../deployments/statuses";
import { id, jsonObject, nullableTimestamp, page, timestamp, timestamps, validationResult } from "./common";

export const gatewayStatus = z.enum(GATEWAY_STATUSES);
export const connectionState = z.enum(["connected", "disconnected"]);
const transport = z.enum(["websocket", "http"]).nullable();
const tag = z.object({ key: z.string(), value: z.string() });
/** The names a gateway goes by, and its state and connection: both the list and the detail show them. */
const gatewayNames = { name: z.string(), instance_id: z.string(), hostname: z.string().nullable() };
const gatewayState = { status: gatewayStatus, connection_state: connectionState, transport };

/** lib/gateways/health.ts computeHealth. */
export const health = z.object({
  status: z.enum(HEALTH_STATUSES),
  last_seen: nullableTimestamp,
  seconds_since_last_seen: z.int().nullable(),
  uptime_seconds: z.int().nullable(),
  health_score: z.int(),
  health_reason: z
    .string()
    .nullable()
    .describe("While the agent reports itself or a component unhealthy: the component and its last_error."),
});
const healthSummary = health.pick({
  status: true,
  health_score: true,
  seconds_since_last_seen: true,
  health_reason: true,
});
const drift = z
  .boolean()
  .describe(
    "The effective config the agent reported differs from its desired one (judged when it reports its config).",
  );

/** lib/gateways/sections.ts versionSection. */
export const version = z.object({
  agent_version: z.string().nullable(),
  otel_version: z.string().nullable(),
  capabilities: z.array(z.string()),
});

/** lib/gateways/sections.ts metricsSection. */
export const metrics = z.object({
  logs_processed: z.number().nullable(),
  errors: z.number().nullable(),
  latency_ms: z.number().nullable(),
  throughput_per_sec: z.number().nullable(),
  last_updated: z.string().nullable(),
});

/** lib/gateways/sections.ts configSection. */
export const config = z.object({
  config_yaml: z.string().nullable(),
  config_version: z.int().nullable(),
  config_hash: z.string().nullable(),
  deployment_id: id.nullable(),
  source: z.enum(["deployment", "base", "effective"]).nullable(),
  last_updated: timestamp,
  effective_config_yaml: z.string().nullable(),
  effective_config_hash: z.string().nullable(),
});

export const gatewayListItem = z.object({
  id,
  ...gatewayNames,
  ...gatewayState,
  health: healthSummary,
  drift,
  agent_version: z.string().nullable(),
  otel_version: z.string().nullable(),
  ip_address: z.string().nullable(),
  active_since: nullableTimestamp.describe("When the current run began (uptime); null while not active"),
  os: z.string().nullable().describe("os.description, else os.type, from the agent description"),
  arch: z.string().nullable().describe("host.arch from the agent description"),
  current_config: z
    .object({
      template_id: id,
      template_name: z.string(),
      version: z.number().int(),
      deployment_id: id,
      deployment_name: z.string(),
    })
    .nullable()
    .describe("The template version the gateway should run and the deployment that set it; null without one"),
  rollout: z
    .object({ deployment_id: id, deployment_name: z.string(), state: z.enum(ROLLOUT_STATUSES) })
    .nullable()
    .describe("The gateway's row in the newest deployment that includes it; null when none did"),
  tags: z.array(tag),
  last_seen: nullableTimestamp,
  created_at: timestamp,
});
export const gatewayList = page(gatewayListItem);

export const gatewayDetail = z.object({
  id,
  org_id: id,
  ...gatewayNames,
  ip_address: z.string().nullable(),
  ...gatewayState,
  health,
  version,
  metrics,
  tags: z.array(tag),
  current_config_version: z.int().nullable(),
  effective_config_hash: z.string().nullable(),
  remote_config_status: jsonObject.nullable(),
  component_health: jsonObject.nullable(),
  drift,
  last_apply_error: z
    .object({ error_message: z.string().nullable(), config_hash: z.string().nullable(), failed_at: timestamp })
    .nullable()
    .describe("The last failed config apply, until a later apply succeeds."),
  capabilities_bits: z.int().nullable(),
  metadata: jsonObject,
  opamp_token_expires_at: nullableTimestamp,
  last_seen: nullableTimestamp,
  active_since: nullableTimestamp,
  ...timestamps,
});

export const gatewayStatusView = z.object({
  gateway_id: id,
  instance_id: z.string(),
  name: z.string(),
  health,
  version,
  config,
  metrics,
});

/** lib/gateways/register.ts registrationResponse. */
export const gatewayRegistration = z.object({
  id,
  name: z.string(),
  instance_id: z.string(),
  org_id: id,
  status: gatewayStatus,
  opamp_token: z.string(),
  opamp_endpoint: z.string(),
  created_at: timestamp,
});

export const rotatedToken = z.object({
  gateway_id: id,
  opamp_token: z.string(),
  opamp_endpoint: z.string(),
  expires_at: timestamp,
});
export const restartRequested = z.object({ gateway_id: id, status: z.literal("restart_requested") });
export const gatewayTags = z.object({ gateway_id: id, tags: z.array(tag) });
export const tagsUpdated = z.object({ updated: z.int() });
export const agentTagList = page(z.object({ key: z.string(), value: z.string(), count: z.int() }));

/** lib/telemetry/queries.ts listGatewayLogs: oldest first, cursor-paged by `next_after_id`. */
export const gatewayLogs = z.object({
  items: z.array(
    z.object({ id: z.int(), timestamp, severity: z.string().nullable(), body: z.string(), attributes: jsonObject }),
  ),
  next_after_id: z.int(),
});

/** lib/gateways/history.ts listGatewayHistory: newest first. */
export const gatewayHistory = page(
  z.object({
    id: z.string(),
    kind: z
      .string()
      .describe(
        "connected, disconnected, config_sent, config_applied, config_failed, health_unhealthy, health_recovered, restarted, restart_sent, or an audit action (gateway.*)",
      ),
    actor: z.string().describe('"system" for what the server saw; else who acted ("user:<id>", …)'),
    message: z.string().describe("The event as a sentence"),
    details: jsonObject,
    created_at: timestamp,
  }),
);

/** Legacy pull of the desired config (lib/gateways/heartbeat.ts getConfigForAgent). */
export const agentConfig = z.object({
  config_yaml: z.string(),
  config_hash: z.string(),
  version: z.int(),
  source: z.enum(["deployment", "base"]),
  deployment_id: id.nullable(),
});
export const heartbeatAck = z.object({ status: z.literal("ok"), gateway_id: id });

/** lib/validation/dry-run.ts: what the gateway would receive, and how that differs from what it runs. */
export const dryRunResult = z.object({
  gateway: z.object({ id, name: z.string(), instance_id: z.string() }),
  source: z.union([
    z.object({ kind: z.literal("inline") }),
    z.object({
      kind: z.literal("template"),
      template_id: id,
      template_name: z.string(),
      version: z.int(),
      content_hash: z.string(),
    }),
  ]),
  agent_config_map: z.object({
    config_map: z.record(z.string(), z.object({ body: z.string(), content_type: z.string() })),
  }),
  config_hash: z.string(),
  validation: validationResult,
  current: z.object({
    has_effective_config: z.boolean(),
    effective_config_hash: z.string().nullable(),
    desired_config_hash: z.string().nullable(),
  }),
  changes_desired_config: z.boolean(),
  diff: z.string(),
  added: z.int(),
  removed: z.int(),
});

/** lib/gateways/bulk/run.ts bulkGateways: what one bulk action did to the selection. */
export const bulkResult = z.object({
  action: z.enum(["add_tags", "remove_tags", "deploy", "restart", "rotate_token", "delete"]),
  matched: z.int().describe("The org's gateways the selection matched"),
  changed: z.int().describe("Gateways the action changed"),
  skipped: z.int().describe("Matched gateways left as they were (already so, or the agent cannot)"),
  errors: z
    .array(z.object({ gateway_id: z.uuid(), detail: z.string() }))
    .describe("Why ids were not acted on (unknown or another org's id, capability); the first 100"),
  error_count: z.int(),
  deployment_id: z.uuid().optional().describe("For `deploy`: the deployment created"),
});
