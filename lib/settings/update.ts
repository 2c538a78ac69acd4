import { and, eq } from "drizzle-orm";
import { settings } from "../db/schema";
import type { Tx } from "../db/client";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { InvalidInputError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { COMPONENT_KINDS, type AllowList } from "../validation/types";
import {
  DEFAULT_SETTINGS,
  updateSettingsInput,
  type OrgSettings,
  type SettingKey,
  type UpdateSettingsInput,
} from "./definitions";
import { readSettings } from "./queries";

/**
 * Changes org settings (admin). Only keys whose value really changes are written and audited; a changed
 * heartbeat interval is re-offered to the org's connected agents through the event bus.
 */
export async function updateSettings(ctx: Ctx, input: UpdateSettingsInput): Promise<OrgSettings> {
  requireRole(ctx, "settings.update");
  const data = parseWith(updateSettingsInput, input);
  const keys = Object.keys(data) as SettingKey[];
  if (keys.length === 0) throw new InvalidInputError("Nothing to update: send at least one setting");
  return ctx.db.transaction(async (tx) => {
    const current = await readSettings(tx, ctx.orgId);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of keys) {
      const next = nextValue(key, data[key], current);
      if (JSON.stringify(next) === JSON.stringify(current[key])) continue;
      changes[key] = { from: current[key], to: next };
      await write(tx, ctx, key, data[key] === null ? null : next);
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, ctx, {
        action: "settings.update",
        targetType: "settings",
        targetId: ctx.orgId,
        details: { changes },
      });
    }
    if (changes["opamp.heartbeat_interval_seconds"])
      await publishAgentEvent(tx, { type: "settings", orgId: ctx.orgId });
    return readSettings(tx, ctx.orgId);
  });
}

function nextValue(key: SettingKey, value: UpdateSettingsInput[SettingKey], current: OrgSettings): unknown {
  if (value === null || value === undefined) return DEFAULT_SETTINGS[key];
  if (key !== "components.allow_list") return value;
  const partial = value as Partial<AllowList>;
  // Kinds left out keep their current list; the stored value is always complete and in a stable order.
  return Object.fromEntries(COMPONENT_KINDS.map((k) => [k, partial[k] ?? current["components.allow_list"][k]]));
}

/** Upserts the JSON value, or deletes the row (back to the default) for null. */
async function write(tx: Tx, ctx: Ctx, key: SettingKey, value: unknown): Promise<void> {
  if (value === null) {
    await tx.delete(settings).where(and(eq(settings.orgId, ctx.orgId), eq(settings.key, key)));
    return;
  }
  const row = { value: JSON.stringify(value), updatedAt: new Date(), updatedBy: ctx.userId ?? null };
  await tx
    .insert(settings)
    .values({ orgId: ctx.orgId, key, ...row })
    .onConflictDoUpdate({ target: [settings.orgId, settings.key], set: row });
}
