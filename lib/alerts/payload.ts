import type { alertNotifications } from "../db/schema";

type Notification = typeof alertNotifications.$inferSelect;
export type ChannelKind = "webhook" | "slack";

/** The generic JSON body: stable field names, documented in docs/api/alerts.md. */
export function webhookPayload(n: Notification) {
  return {
    id: n.id,
    event: n.event,
    org_id: n.orgId,
    rule: { id: n.ruleId, name: n.ruleName, kind: n.ruleKind },
    subject: { id: n.subject, label: n.subjectLabel },
    summary: n.summary,
    occurred_at: n.createdAt.toISOString(),
  };
}

export function slackText(n: Notification): string {
  const head = n.event === "firing" ? ":red_circle: FIRING" : ":large_green_circle: RESOLVED";
  return `${head}: ${n.ruleName} (${n.subjectLabel}) — ${n.summary}`;
}

/** The body posted to a channel of `kind`. */
export function renderBody(kind: ChannelKind, n: Notification): string {
  return JSON.stringify(kind === "slack" ? { text: slackText(n) } : webhookPayload(n));
}
