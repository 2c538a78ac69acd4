import { eq, inArray } from "drizzle-orm";
import { alertChannels, alertNotifications, alertRules, alertStates, notificationDeliveries } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findOrgRowOr404 } from "../db/org-rows";
import { ruleView } from "./rules";
import { newestAlertsPage } from "./list-page";
import type { ListAlertsQuery } from "./schemas";

/** One page of the org's rules, newest first, each with how many subjects are firing now. */
export async function listAlertRules(ctx: Ctx, query: ListAlertsQuery = {}) {
  const { items: rows, ...page } = await newestAlertsPage(ctx, alertRules, query);
  const states = rows.length
    ? await ctx.db
        .select({ ruleId: alertStates.ruleId, state: alertStates.state })
        .from(alertStates)
        .where(
          inArray(
            alertStates.ruleId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    items: rows.map((r) => ({
      ...ruleView(r),
      firing: states.filter((s) => s.ruleId === r.id && s.state === "firing").length,
    })),
    ...page,
  };
}

export async function getAlertRule(ctx: Ctx, id: string) {
  const row = await findOrgRowOr404(ctx.db, alertRules, { orgId: ctx.orgId, id, notFound: "Alert rule not found" });
  return ruleView(row);
}

/** One page of the org's notifications, newest first, with the status of each delivery (one per channel). */
export async function listAlertNotifications(ctx: Ctx, query: ListAlertsQuery = {}) {
  const { items: rows, ...page } = await newestAlertsPage(ctx, alertNotifications, query);
  const deliveries = rows.length
    ? await ctx.db
        .select({ d: notificationDeliveries, channelName: alertChannels.name })
        .from(notificationDeliveries)
        .innerJoin(alertChannels, eq(alertChannels.id, notificationDeliveries.channelId))
        .where(
          inArray(
            notificationDeliveries.notificationId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    items: rows.map((n) => ({
      id: n.id,
      event: n.event,
      rule: { id: n.ruleId, name: n.ruleName, kind: n.ruleKind },
      subject: { id: n.subject, label: n.subjectLabel },
      summary: n.summary,
      created_at: n.createdAt,
      deliveries: deliveries
        .filter((x) => x.d.notificationId === n.id)
        .map(({ d, channelName }) => ({
          channel_id: d.channelId,
          channel_name: channelName,
          status: d.status,
          attempts: d.attempts,
          next_attempt_at: d.status === "pending" ? d.nextAttemptAt : null,
          last_error: d.lastError,
          delivered_at: d.deliveredAt,
        })),
    })),
    ...page,
  };
}
