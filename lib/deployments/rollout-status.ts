import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { deploymentGateways } from "../db/schema";
import type { Queryable } from "../db/client";
import { rowCount } from "../db/lists";

export type ReportedConfigStatus = "applying" | "applied" | "failed";

/**
 * The OpAMP server delivered a RemoteConfig with this hash to the gateway: its rollout rows for that hash that
 * are waiting (pending) or were sent before become `sent` (sent_at = now, so timeouts count from the last delivery).
 * Returns the number of rows changed.
 */
export async function recordConfigSent(db: Queryable, gatewayId: string, hashHex: string): Promise<number> {
  const rows = await db
    .update(deploymentGateways)
    .set({ status: "sent", sentAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(deploymentGateways.gatewayId, gatewayId),
        eq(deploymentGateways.configHash, hashHex),
        inArray(deploymentGateways.status, ["pending", "sent"]),
      ),
    )
    .returning({ deploymentId: deploymentGateways.deploymentId });
  return rows.length;
}

/**
 * recordConfigSent for many deliveries in one statement (same rows, same change): used by the OpAMP hub to record
 * the deliveries of one burst (e.g. a rollout pushed to thousands of agents) together.
 */
export async function recordConfigSentMany(
  db: Queryable,
  sent: Array<{ gatewayId: string; hashHex: string }>,
): Promise<void> {
  if (sent.length === 0) return;
  const now = new Date().toISOString();
  const pairs = JSON.stringify(sent.map((s) => ({ g: s.gatewayId, h: s.hashHex })));
  await db.execute(sql`
    update deployment_gateways dg set status = 'sent', sent_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    from (select distinct g, h from jsonb_to_recordset(${pairs}::jsonb) as v(g uuid, h text) ${rowCount(sent)}) v
    where dg.gateway_id = v.g and dg.config_hash = v.h and dg.status in ('pending', 'sent')`);
}

export type ConfigStatusReport = {
  gatewayId: string;
  hashHex: string;
  status: ReportedConfigStatus;
  errorMessage?: string | null;
};

/**
 * The agent reported on the config with this hash (its RemoteConfigStatus, or an EffectiveConfig whose hash
 * matches for agents that cannot report RemoteConfigStatus). Updates that gateway's rollout rows for the hash
 * that were already delivered (not `pending`: a batch not yet reached stays untouched). applied/failed set
 * finished_at; a report identical to the stored one changes nothing. Returns the number of rows changed.
 */
export function recordRemoteConfigStatus(
  db: Queryable,
  gatewayId: string,
  report: { hashHex: string; status: ReportedConfigStatus; errorMessage?: string | null },
): Promise<number> {
  return recordRemoteConfigStatuses(db, [{ gatewayId, ...report }]);
}

/** recordRemoteConfigStatus for many reports in one statement; of several reports on one gateway and hash, the last counts. */
export async function recordRemoteConfigStatuses(db: Queryable, reports: ConfigStatusReport[]): Promise<number> {
  const latest = new Map<string, { g: string; h: string; s: ReportedConfigStatus; e: string | null }>();
  for (const r of reports) {
    const e = r.status === "failed" ? r.errorMessage || "The agent reported FAILED without a message" : null;
    const key = `${r.gatewayId}:${r.hashHex}`;
    latest.delete(key); // keeps the statement's rows in report order
    latest.set(key, { g: r.gatewayId, h: r.hashHex, s: r.status, e });
  }
  if (latest.size === 0) return 0;
  const v = sql`jsonb_to_recordset(${JSON.stringify([...latest.values()])}::jsonb) as v(g uuid, h text, s gateway_rollout_status, e text)`;
  const rows = await db
    .update(deploymentGateways)
    .set({
      status: sql`v.s`,
      errorMessage: sql`v.e`,
      finishedAt: sql`case when v.s = 'applying' then null else now() end`,
      updatedAt: sql`now()`,
    })
    .from(v)
    .where(
      and(
        sql`${deploymentGateways.gatewayId} = v.g and ${deploymentGateways.configHash} = v.h`,
        ne(deploymentGateways.status, "pending"),
        sql`(${deploymentGateways.status} <> v.s or ${deploymentGateways.errorMessage} is distinct from v.e)`,
      ),
    )
    .returning({ deploymentId: deploymentGateways.deploymentId });
  return rows.length;
}
