import { boolean, integer, jsonb, text } from "drizzle-orm/pg-core";
import { index, pgEnum, pgTable, primaryKey, uniqueIndex, type PgEnum } from "drizzle-orm/pg-core";
import { createdAt, id, optionalRef, parentRef, ts, updatedAt } from "./common";
import { createdByAt, orgEntity, orgIdColumn } from "./orgs";
import type { HealthStatus } from "../../gateways/health";

export const alertRuleKindEnum = pgEnum("alert_rule_kind", [
  "gateway_down",
  "deployment_failed",
  "token_expiring",
  "fleet_health_below",
]);
export const alertChannelKindEnum = pgEnum("alert_channel_kind", ["webhook", "slack"]);
export const alertEventEnum = pgEnum("alert_event", ["firing", "resolved"]);
export const deliveryStatusEnum = pgEnum("notification_delivery_status", ["pending", "delivered", "failed"]);

/** Rules and channels alike: a name people know them by, and a kind (the rule's condition, the channel's service). */
const nameAndKind = <K extends [string, ...string[]]>(kinds: PgEnum<K>) => ({
  name: text("name").notNull(),
  kind: kinds("kind").notNull(),
});

/** How many of an org's gateways were in one health status (lib/gateways/health.ts). */
const gatewayCount = (health: HealthStatus) => integer(health).notNull();

/** A webhook a rule's notifications are posted to; `secret` signs every body (HMAC-SHA256) and is never returned after creation. */
export const alertChannels = pgTable(
  "alert_channels",
  {
    ...orgEntity(),
    ...nameAndKind(alertChannelKindEnum),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    ...createdByAt(),
  },
  (t) => [index("alert_channels_org_id_idx").on(t.orgId)],
);

/** Kind-specific parameters (validated by lib/alerts/schemas.ts). */
export type AlertRuleParams = {
  selector?: Record<string, string | null>;
  for_minutes?: number;
  health?: ("offline" | "unhealthy")[];
  days?: number;
  threshold_percent?: number;
};

export const alertRules = pgTable(
  "alert_rules",
  {
    ...orgEntity(),
    ...nameAndKind(alertRuleKindEnum),
    params: jsonb("params").$type<AlertRuleParams>().notNull().default({}),
    /** null: every channel of the org. */
    channelId: optionalRef("channel_id", () => alertChannels.id),
    enabled: boolean("enabled").notNull().default(true),
    ...createdByAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("alert_rules_org_id_idx").on(t.orgId)],
);

/**
 * One row per rule and subject whose condition holds: `pending` until it has held for the rule's duration, then
 * `firing`. The primary key and guarded transitions (insert-on-conflict, update-where-pending, delete-returning)
 * are what make every firing and resolve happen once, whichever replica sees it first.
 */
export const alertStates = pgTable(
  "alert_states",
  {
    ruleId: parentRef("rule_id", () => alertRules.id),
    subject: text("subject").notNull(),
    /** Kept for the resolve notification, when the subject may be gone. */
    label: text("label").notNull(),
    state: text("state").$type<"pending" | "firing">().notNull(),
    since: ts("since").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.subject] })],
);

export const alertNotifications = pgTable(
  "alert_notifications",
  {
    ...orgEntity(),
    ruleId: optionalRef("rule_id", () => alertRules.id),
    /** Copied so the history still reads after the rule is renamed or deleted. */
    ruleName: text("rule_name").notNull(),
    ruleKind: alertRuleKindEnum("rule_kind").notNull(),
    event: alertEventEnum("event").notNull(),
    subject: text("subject").notNull(),
    subjectLabel: text("subject_label").notNull(),
    summary: text("summary").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("alert_notifications_org_created_idx").on(t.orgId, t.createdAt)],
);

/** The outbox: one row per notification and channel, retried with backoff until delivered or out of attempts. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: id(),
    notificationId: parentRef("notification_id", () => alertNotifications.id),
    channelId: parentRef("channel_id", () => alertChannels.id),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notification_deliveries_notification_channel_idx").on(t.notificationId, t.channelId),
    index("notification_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Gateways by health per org every 5 minutes, kept for 7 days (the dashboard chart). */
export const fleetHealthSnapshots = pgTable(
  "fleet_health_snapshots",
  {
    orgId: orgIdColumn(),
    bucketAt: ts("bucket_at").notNull(),
    healthy: gatewayCount("healthy"),
    warning: gatewayCount("warning"),
    unhealthy: gatewayCount("unhealthy"),
    offline: gatewayCount("offline"),
    unknown: gatewayCount("unknown"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.bucketAt] }), index("fleet_health_snapshots_bucket_idx").on(t.bucketAt)],
);
