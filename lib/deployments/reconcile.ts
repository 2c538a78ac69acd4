import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";

/**
 * Settles rows from what the agent last reported, as stored on the gateway: a RemoteConfigStatus APPLIED or FAILED
 * for exactly this row's hash, or an effective config with this hash. This covers gateways that already run the
 * config (the hub has nothing to send, so no new report comes) and reports that arrived before the row was released.
 */
export async function reconcileReported(tx: Tx, deploymentId: string) {
  await tx.execute(sql`
    update deployment_gateways dg set
      status = case when g.remote_config_status->>'last_remote_config_hash' = dg.config_hash and g.remote_config_status->>'status' = 'FAILED'
                    then 'failed'::gateway_rollout_status else 'applied'::gateway_rollout_status end,
      error_message = case when g.remote_config_status->>'last_remote_config_hash' = dg.config_hash and g.remote_config_status->>'status' = 'FAILED'
                    then coalesce(nullif(g.remote_config_status->>'error_message', ''), 'The agent reported FAILED without a message') end,
      finished_at = now(), updated_at = now()
    from gateways g
    where g.id = dg.gateway_id and dg.deployment_id = ${deploymentId} and dg.released_at is not null
      and dg.status in ('pending', 'sent', 'applying')
      and ((g.remote_config_status->>'last_remote_config_hash' = dg.config_hash and g.remote_config_status->>'status' in ('APPLIED', 'FAILED'))
           or g.effective_config_hash = dg.config_hash)`);
}
