import { and, eq } from "drizzle-orm";
import { settings } from "../db/schema";
import type { Queryable } from "../db/client";

export const APPLY_TIMEOUT_SETTING = "deployments.apply_timeout_seconds";
export const DEFAULT_APPLY_TIMEOUT_SECONDS = 300;

/** How long a gateway may stay silent after its batch starts before it counts as `timeout` (a failure). */
export async function applyTimeoutSeconds(db: Queryable, orgId: string): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings)
    .where(and(eq(settings.orgId, orgId), eq(settings.key, APPLY_TIMEOUT_SETTING)));
  if (!row) return DEFAULT_APPLY_TIMEOUT_SECONDS;
  let v: unknown = row.value;
  try { v = JSON.parse(row.value); } catch { /* stored as plain text */ }
  const n = Number(v);
  return Number.isFinite(n) && n >= 1 ? n : DEFAULT_APPLY_TIMEOUT_SECONDS;
}
