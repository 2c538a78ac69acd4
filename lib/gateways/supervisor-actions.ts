import { z } from "zod";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { ConflictError } from "../errors";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { resolveDesiredConfig } from "../config-distribution/desired";
import { AgentCapability, hasCapability } from "../opamp/capabilities";
import { requestGatewayRestart } from "./restart";
import { createDeployment } from "../deployments/create";
import { parseWith } from "../http/parse";
import { findAgentOr404 } from "./supervisor-agents";

export const pushConfigInput = z
  .object({
    template_id: z.uuid("template_id must be a UUID").optional(),
    template_version: z
      .int("template_version must be an integer")
      .min(1, "template_version must be 1 or more")
      .optional(),
  })
  .strict()
  .refine((v) => v.template_version === undefined || v.template_id, "template_version needs template_id");
export type PushConfigInput = z.input<typeof pushConfigInput>;

export const NO_CONFIG_TO_PUSH =
  "No config to push: no deployment has reached this gateway and the organization has no base template";

/** Restart through the gateway's OpAMP connection (409 unless the agent accepts the Restart command). */
export async function restartSupervisorAgent(ctx: Ctx, instanceId: string) {
  requireRole(ctx, "supervisor_agents.restart");
  const agent = await findAgentOr404(ctx.db, ctx.orgId, instanceId);
  return { instance_id: agent.instanceId, ...(await requestGatewayRestart(ctx, agent.id)) };
}

/**
 * Pushes a config to the agent's live OpAMP connection now. With `template_id` (and optionally `template_version`,
 * else the latest) it becomes a deployment of that version to this one gateway, all at once, with the usual rollout
 * tracking. Without, the gateway's current desired config (newest deployment, else the base template) is offered
 * again: the hub holding the socket re-resolves it on the `config` event and sends RemoteConfig unless the agent
 * already reported that very hash. An offline agent gets it when it connects.
 */
export async function pushSupervisorAgentConfig(ctx: Ctx, instanceId: string, input: PushConfigInput = {}) {
  requireRole(ctx, "supervisor_agents.push_config");
  const data = parseWith(pushConfigInput, input);
  const agent = await findAgentOr404(ctx.db, ctx.orgId, instanceId);
  // Capabilities are unknown until the agent first connects; then the push simply waits for it.
  if (agent.capabilities != null && !hasCapability(agent.capabilities, AgentCapability.AcceptsRemoteConfig)) {
    throw new ConflictError("Agent does not accept remote config");
  }
  if (data.template_id) {
    await createDeployment(ctx, {
      name: `Push to ${agent.instanceId}`,
      template_id: data.template_id,
      template_version: data.template_version,
      target: { gateway_ids: [agent.id] },
      strategy: { type: "all_at_once" },
    });
    return pushResult(ctx, agent.id, instanceId, false);
  }
  return pushResult(ctx, agent.id, instanceId, true);
}

/** Resolves what the agent should run now, optionally announcing it to the hub, and says how it stands. */
async function pushResult(ctx: Ctx, gatewayId: string, instanceId: string, announce: boolean) {
  return ctx.db.transaction(async (tx) => {
    const agent = await findAgentOr404(tx, ctx.orgId, instanceId);
    const desired = await resolveDesiredConfig(tx, agent);
    if (!desired) throw new ConflictError(NO_CONFIG_TO_PUSH);
    const reported = (agent.remoteConfigStatus as { last_remote_config_hash?: string; status?: string } | null) ?? null;
    if (announce) {
      await recordAudit(tx, ctx, {
        action: "gateway.config_push",
        targetType: "gateway",
        targetId: gatewayId,
        details: {
          instance_id: agent.instanceId,
          config_hash: desired.hash,
          source: desired.source.kind,
          version: desired.source.version,
        },
      });
      await publishAgentEvent(tx, { type: "config", gatewayIds: [gatewayId] });
    }
    return {
      gateway_id: gatewayId,
      instance_id: agent.instanceId,
      connection_state: agent.connectionState,
      config_hash: desired.hash,
      config_version: desired.source.version,
      source: desired.source.kind,
      deployment_id: desired.source.kind === "deployment" ? desired.source.deploymentId : null,
      // The agent last reported this very config (APPLIED, APPLYING or FAILED), so the hub does not send it again.
      already_reported: reported?.last_remote_config_hash === desired.hash,
      reported_status: reported?.status ?? null,
    };
  });
}
