import { and, eq } from "drizzle-orm";
import { alertChannels, alertRules } from "../db/schema";
import type { Ctx } from "../auth/context";
import { createOrgRowAudited, deleteOrgRowOr404 } from "../db/org-rows";
import type { Queryable } from "../db/client";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { InvalidInputError, NotFoundError } from "../errors";
import { isUuid } from "../uuid";
import {
  createAlertRuleInput,
  updateAlertRuleInput,
  type CreateAlertRuleInput,
  type UpdateAlertRuleInput,
} from "./schemas";

/** An alert rule as stored (what evaluation reads). */
export type AlertRule = typeof alertRules.$inferSelect;

export function ruleView(r: AlertRule) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    params: r.params,
    channel_id: r.channelId,
    enabled: r.enabled,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

async function requireChannel(tx: Queryable, ctx: Ctx, channelId: string | null | undefined) {
  if (!channelId) return;
  const [c] = await tx
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(and(eq(alertChannels.id, channelId), eq(alertChannels.orgId, ctx.orgId)));
  if (!c) throw new InvalidInputError("channel_id: no such channel in this organization");
}

/** Creates an alert rule; it is evaluated from the next tick on. */
export async function createAlertRule(ctx: Ctx, input: CreateAlertRuleInput) {
  requireRole(ctx, "alerts.manage_rules");
  const data = parseWith(createAlertRuleInput, input);
  const row = await createOrgRowAudited(
    ctx,
    alertRules,
    { name: data.name, kind: data.kind, params: data.params, channelId: data.channel_id, enabled: data.enabled },
    { noun: "alert_rule", details: (r) => ({ name: r.name, kind: r.kind, params: r.params }) },
    (tx) => requireChannel(tx, ctx, data.channel_id),
  );
  return ruleView(row);
}

/** Renames, enables/disables or re-routes a rule. Disabling does not resolve what is firing: the states stay until re-enabled. */
export async function updateAlertRule(ctx: Ctx, id: string, input: UpdateAlertRuleInput) {
  requireRole(ctx, "alerts.manage_rules");
  const data = parseWith(updateAlertRuleInput, input);
  if (!isUuid(id)) throw new NotFoundError("Alert rule not found");
  return ctx.db.transaction(async (tx) => {
    await requireChannel(tx, ctx, data.channel_id);
    const [row] = await tx
      .update(alertRules)
      .set({ name: data.name, enabled: data.enabled, channelId: data.channel_id, updatedAt: new Date() })
      .where(and(eq(alertRules.id, id), eq(alertRules.orgId, ctx.orgId)))
      .returning();
    if (!row) throw new NotFoundError("Alert rule not found");
    await recordAudit(tx, ctx, {
      action: "alert_rule.update",
      targetType: "alert_rule",
      targetId: id,
      details: { ...data },
    });
    return ruleView(row);
  });
}

/** Deletes a rule and its states; its notifications stay in the history. */
export async function deleteAlertRule(ctx: Ctx, id: string) {
  requireRole(ctx, "alerts.manage_rules");
  await ctx.db.transaction(async (tx) => {
    const row = await deleteOrgRowOr404(tx, alertRules, { orgId: ctx.orgId, id, notFound: "Alert rule not found" });
    await recordAudit(tx, ctx, {
      action: "alert_rule.delete",
      targetType: "alert_rule",
      targetId: id,
      details: { name: row.name },
    });
  });
}
