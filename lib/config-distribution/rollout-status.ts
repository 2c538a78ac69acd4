import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { deploymentGateways } from "../db/schema";
import type { Queryable } from "../db/client";

export type ReportedConfigStatus = "applying" | "applied" | "failed";

/**
 * The OpAMP server delivered a RemoteConfig with this hash to the gateway: its rollout rows for that hash that
 * are waiting (pending) or were sent before become `sent` (sent_at = now, so timeouts count from the last delivery).
 * Returns the number of rows changed.
 */
export async function recordConfigSent(db: Queryable, gatewayId: string, hashHex: string): Promise<number> {
  const rows = await db.update(deploymentGateways)
    .set({ status: "sent", sentAt: new Date(), updatedAt: new Date() })
    .where(and(
      eq(deploymentGateways.gatewayId, gatewayId),
      eq(deploymentGateways.configHash, hashHex),
      inArray(deploymentGateways.status, ["pending", "sent"]),
    ))
    .returning({ deploymentId: deploymentGateways.deploymentId });
  return rows.length;
}

/**
 * recordConfigSent for many deliveries in one statement (same rows, same change): used by the OpAMP hub to record
 * the deliveries of one burst (e.g. a rollout pushed to thousands of agents) together.
 */
export async function recordConfigSentMany(db: Queryable, sent: Array<{ gatewayId: string; hashHex: string }>): Promise<void> {
  if (sent.length === 0) return;
  const now = new Date().toISOString();
  const pairs = JSON.stringify(sent.map((s) => ({ g: s.gatewayId, h: s.hashHex })));
  await db.execute(sql`
    update deployment_gateways dg set status = 'sent', sent_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    from (select distinct g, h from jsonb_to_recordset(${pairs}::jsonb) as v(g uuid, h text)) v
    where dg.gateway_id = v.g and dg.config_hash = v.h and dg.status in ('pending', 'sent')`);
}

/**
 * The agent reported on the config with this hash (its RemoteConfigStatus, or an EffectiveConfig whose hash
 * matches for agents that cannot report RemoteConfigStatus). Updates that gateway's rollout rows for the hash
 * that were already delivered (not `pending`: a batch not yet reached stays untouched). applied/failed set
 * finished_at; a report identical to the stored one changes nothing. Returns the number of rows changed.
 */
export async function recordRemoteConfigStatus(
  db: Queryable,
  gatewayId: string,
  report: { hashHex: string; status: ReportedConfigStatus; errorMessage?: string | null },
): Promise<number> {
  const errorMessage = report.status === "failed" ? report.errorMessage || "The agent reported FAILED without a message" : null;
  const finished = report.status !== "applying";
  const rows = await db.update(deploymentGateways)
    .set({
      status: report.status,
      errorMessage,
      finishedAt: finished ? new Date() : null,
      updatedAt: new Date(),
    })
    .where(and(
      eq(deploymentGateways.gatewayId, gatewayId),
      eq(deploymentGateways.configHash, report.hashHex),
      ne(deploymentGateways.status, "pending"),
      or(ne(deploymentGateways.status, report.status), sql`${deploymentGateways.errorMessage} is distinct from ${errorMessage}`),
    ))
    .returning({ deploymentId: deploymentGateways.deploymentId });
  return rows.length;
}
