import { z } from "zod";
import { connectionState, gatewayLogs, gatewayStatus, health, metrics } from "./gateways";
import { id, nullableTimestamp, page } from "./common";

/** lib/gateways/supervisor-agents.ts supervisorAgentView. */
export const supervisorAgent = z.object({
  instance_id: z.string(),
  gateway_id: id,
  name: z.string(),
  opamp_instance_uid: z.string().nullable(),
  status: gatewayStatus,
  connection_state: connectionState,
  transport: z.enum(["websocket", "http"]).nullable(),
  health: health.pick({ status: true, health_score: true, seconds_since_last_seen: true, health_reason: true }),
  capabilities: z.object({ bits: z.int().nullable(), names: z.array(z.string()) }),
  accepts_restart: z.boolean(),
  reports_own_logs: z.boolean(),
  reports_own_metrics: z.boolean(),
  remote_config_status: z
    .object({
      status: z.string(),
      error_message: z.string().nullable(),
      last_remote_config_hash: z.string().nullable(),
    })
    .nullable(),
  agent_version: z.string().nullable(),
  hostname: z.string().nullable(),
  os: z.string().nullable(),
  effective_config_hash: z.string().nullable(),
  /** uint64 on the wire: a decimal string. */
  sequence_num: z.string().nullable(),
  metrics,
  last_seen: nullableTimestamp,
});
export const supervisorAgentList = page(supervisorAgent);
export const supervisorRestart = z.object({
  instance_id: z.string(),
  gateway_id: id,
  status: z.literal("restart_requested"),
});
export const supervisorLogs = gatewayLogs.extend({ instance_id: z.string() });
export const configPushed = z.object({
  gateway_id: id,
  instance_id: z.string(),
  connection_state: connectionState,
  config_hash: z.string(),
  config_version: z.int(),
  source: z.enum(["deployment", "base"]),
  deployment_id: id.nullable(),
  already_reported: z.boolean(),
  reported_status: z.string().nullable(),
});
