import { eq, inArray } from "drizzle-orm";
import { alertChannels, alertNotifications, alertRules, alertStates, notificationDeliveries } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findOrgRowOr404 } from "../db/org-rows";
import { ruleView } from "./rules";
import { newestAlertsPageWith } from "./list-page";
import type { ListAlertsQuery } from "./schemas";

/** One page of the org's rules, newest first, each with how many subjects are firing now. */
export function listAlertRules(ctx: Ctx, query: ListAlertsQuery = {}) {
  return newestAlertsPageWith(
    ctx,
    alertRules,
    query,
    (ids) =>
      ctx.db
        .select({ ruleId: alertStates.ruleId, state: alertStates.state })
        .from(alertStates)
        .where(inArray(alertStates.ruleId, ids)),
    (r, states) => ({
      ...ruleView(r),
      firing: states.filter((s) => s.ruleId === r.id && s.state === "firing").length,
    }),
  );
}

export async function getAlertRule(ctx: Ctx, id: string) {
  const row = await findOrgRowOr404(ctx.db, alertRules, { orgId: ctx.orgId, id, notFound: "Alert rule not found" });
  return ruleView(row);
}

/** One page of the org's notifications, newest first, with the status of each delivery (one per channel). */
export function listAlertNotifications(ctx: Ctx, query: ListAlertsQuery = {}) {
  return newestAlertsPageWith(
    ctx,
    alertNotifications,
    query,
    (ids) =>
      ctx.db
        .select({ d: notificationDeliveries, channelName: alertChannels.name })
        .from(notificationDeliveries)
        .innerJoin(alertChannels, eq(alertChannels.id, notificationDeliveries.channelId))
        .where(inArray(notificationDeliveries.notificationId, ids)),
    (n, deliveries) => ({
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
    }),
  );
}
