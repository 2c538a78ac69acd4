import type { Queryable } from "../db/client";
import { readSettings } from "../settings/queries";

/** How long a gateway may stay silent after its config was released or sent before it counts as `timeout` (a failure). */
export async function applyTimeoutSeconds(db: Queryable, orgId: string): Promise<number> {
  return (await readSettings(db, orgId))["deployments.apply_timeout_seconds"];
}
