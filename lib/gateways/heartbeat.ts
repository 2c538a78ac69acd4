import { eq, sql } from "drizzle-orm";
import { gateways, type GatewayMetrics } from "../db/schema";
import type { Db } from "../db/client";
import { ForbiddenError, NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { resolveDesiredConfig } from "../config-distribution/desired";
import { verifyOpampToken } from "./opamp-token";
import { heartbeatInput } from "./schemas";
import { readBody, type BodySource } from "./body";

/** The gateway the OpAMP token belongs to, which must be the one named in the path. */
async function authenticateInstance(db: Db, opampToken: string | null | undefined, instanceId: string) {
  const gateway = await verifyOpampToken(db, opampToken);
  if (gateway.instanceId !== instanceId) throw new ForbiddenError("Instance ID does not match token");
  return gateway;
}

/**
 * Legacy REST heartbeat (heartbeat.sh): marks the gateway seen and active, starting a new uptime run when it was
 * not active, and stores the optional config version and metrics.
 */
export async function recordHeartbeat(
  db: Db,
  opampToken: string | null | undefined,
  instanceId: string,
  body: BodySource,
) {
  const gateway = await authenticateInstance(db, opampToken, instanceId);
  const input = parseWith(heartbeatInput, await readBody(body));
  const now = new Date();
  const metrics: GatewayMetrics | undefined = input.metrics
    ? {
        logs_processed: input.metrics.logs_processed ?? 0,
        errors: input.metrics.errors ?? 0,
        latency_ms: input.metrics.latency_ms ?? null,
        ...(input.metrics.throughput_per_sec != null ? { throughput_per_sec: input.metrics.throughput_per_sec } : {}),
        last_updated: now.toISOString(),
      }
    : undefined;
  await db
    .update(gateways)
    .set({
      lastSeen: now,
      // An agent that reported itself unhealthy over OpAMP stays `error` until it reports healthy there.
      status: sql`case when ${gateways.reportedHealthy} = false then 'error'::gateway_status else 'active'::gateway_status end`,
      activeSince: sql`case when ${gateways.status} in ('active', 'error') and ${gateways.activeSince} is not null then ${gateways.activeSince} else ${now.toISOString()}::timestamptz end`,
      ...(input.current_config_version != null ? { currentConfigVersion: input.current_config_version } : {}),
      ...(metrics ? { metrics } : {}),
    })
    .where(eq(gateways.id, gateway.id));
  return { status: "ok" as const, gateway_id: gateway.id };
}

/** Legacy REST config pull: the gateway's desired config, or 404 when no deployment or base template applies. */
export async function getConfigForAgent(db: Db, opampToken: string | null | undefined, instanceId: string) {
  const gateway = await authenticateInstance(db, opampToken, instanceId);
  const desired = await resolveDesiredConfig(db, gateway);
  if (!desired) throw new NotFoundError("Gateway not found or no active config");
  return {
    config_yaml: desired.yaml,
    config_hash: desired.hash,
    version: desired.source.version,
    source: desired.source.kind,
    deployment_id: desired.source.kind === "deployment" ? desired.source.deploymentId : null,
  };
}
