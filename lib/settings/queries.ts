import { eq } from "drizzle-orm";
import { settings } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import type { AllowList } from "../validation/types";
import { DEFAULT_SETTINGS, SETTINGS, type OrgSettings, type SettingKey } from "./definitions";

/**
 * The settings the org has stored, without defaults. Values are stored as JSON text; one that no longer parses
 * (hand-edited, or from an older schema) counts as not set instead of breaking every reader.
 */
export async function readStoredSettings(db: Queryable, orgId: string): Promise<Partial<OrgSettings>> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(eq(settings.orgId, orgId));
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    if (!(row.key in SETTINGS)) continue;
    const parsed = SETTINGS[row.key as SettingKey].stored.safeParse(safeJson(row.value));
    if (parsed.success) out[row.key] = parsed.data;
  }
  return out as Partial<OrgSettings>;
}

/** The org's settings with defaults filled in. */
export async function readSettings(db: Queryable, orgId: string): Promise<OrgSettings> {
  return { ...DEFAULT_SETTINGS, ...(await readStoredSettings(db, orgId)) };
}

/** Any member may read the settings. */
export function getSettings(ctx: Ctx): Promise<OrgSettings> {
  return readSettings(ctx.db, ctx.orgId);
}

export async function readAllowList(db: Queryable, orgId: string): Promise<AllowList> {
  return (await readSettings(db, orgId))["components.allow_list"];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
