import { eq, inArray } from "drizzle-orm";
import { alertChannels, alertNotifications, alertRules, alertStates, notificationDeliveries } from "../db/schema";
import type { Ctx } from "../auth/context";
import type { Queryable } from "../db/client";
import { findOrgRowOr404 } from "../db/org-rows";
import { ruleView } from "./rules";
import { newestAlertsPageWith } from "./list-page";
import type { ListAlertsQuery } from "./schemas";

const statesOfRules = (db: Queryable, ids: string[]) =>
  db
    .select({ ruleId: alertStates.ruleId, state: alertStates.state })
    .from(alertStates)
    .where(inArray(alertStates.ruleId, ids));

/** One page of the org's rules, newest first, each with how many subjects are firing now. */
export function listAlertRules(ctx: Ctx, query: ListAlertsQuery = {}) {
  return newestAlertsPageWith(ctx, alertRules, query, statesOfRules, (r, states) => ({
    ...ruleView(r),
    firing: states.filter((s) => s.ruleId === r.id && s.state === "firing").length,
  }));
}

export async function getAlertRule(ctx: Ctx, id: string) {
  const row = await findOrgRowOr404(ctx.db, alertRules, { orgId: ctx.orgId, id, notFound: "Alert rule not found" });
  return ruleView(row);
}

const deliveriesOf = (db: Queryable, notificationIds: string[]) =>
  db
    .select({ d: notificationDeliveries, channelName: alertChannels.name })
    .from(notificationDeliveries)
    .innerJoin(alertChannels, eq(alertChannels.id, notificationDeliveries.channelId))
    .where(inArray(notificationDeliveries.notificationId, notificationIds));

/** One page of the org's notifications, newest first, with the status of each delivery (one per channel). */
export function listAlertNotifications(ctx: Ctx, query: ListAlertsQuery = {}) {
  return newestAlertsPageWith(ctx, alertNotifications, query, deliveriesOf, (n, deliveries) => ({
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
  }));
}
