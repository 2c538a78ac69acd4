import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, ts, updatedAt } from "./common";
import { users, orgIdColumn } from "./orgs";
import { gateways } from "./gateways";

export const templates = pgTable(
  "templates",
  {
    id: id(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    description: text("description"),
    /** The org's base config: what gateways get when no deployment targets them. At most one per org. */
    isBase: boolean("is_base").notNull().default(false),
    latestVersion: integer("latest_version").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("templates_org_name_idx").on(t.orgId, t.name), index("templates_org_id_idx").on(t.orgId)],
);

/** Immutable: a row is never updated once written. */
export const templateVersions = pgTable(
  "template_versions",
  {
    id: id(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    orgId: orgIdColumn(),
    version: integer("version").notNull(),
    content: text("content").notNull(),
    /** The content with its transform references expanded (what gateways get); null when it has none. */
    renderedContent: text("rendered_content"),
    contentHash: text("content_hash").notNull(),
    message: text("message"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("template_versions_template_version_idx").on(t.templateId, t.version)],
);

export const deploymentStatusEnum = pgEnum("deployment_status", [
  "pending",
  "in_progress",
  "paused",
  "halted",
  "completed",
  "failed",
  "cancelled",
  "superseded",
]);
export const gatewayRolloutStatusEnum = pgEnum("gateway_rollout_status", [
  "pending",
  "sent",
  "applying",
  "applied",
  "failed",
  "timeout",
]);

/** selector: every key must match; a null value means "has the key" (any value). */
export type DeploymentTarget = { gateway_ids?: string[]; selector?: Record<string, string | null> };
export type DeploymentStrategy = {
  type: "all_at_once" | "progressive";
  batch_size?: number;
  batch_percent?: number;
  pause_seconds?: number;
  failure_threshold?: number;
  failure_threshold_percent?: number;
};

export const deployments = pgTable(
  "deployments",
  {
    id: id(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => templates.id, { onDelete: "restrict" }),
    templateVersionId: uuid("template_version_id")
      .notNull()
      .references(() => templateVersions.id, { onDelete: "restrict" }),
    target: jsonb("target").$type<DeploymentTarget>().notNull(),
    strategy: jsonb("strategy").$type<DeploymentStrategy>().notNull(),
    status: deploymentStatusEnum("status").notNull().default("pending"),
    /** Set on a deployment created by rollback: the deployment it rolled back. */
    rollbackOf: uuid("rollback_of"),
    currentBatch: integer("current_batch").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("deployments_org_id_idx").on(t.orgId, t.createdAt)],
);

export const deploymentGateways = pgTable(
  "deployment_gateways",
  {
    deploymentId: uuid("deployment_id")
      .notNull()
      .references(() => deployments.id, { onDelete: "cascade" }),
    gatewayId: uuid("gateway_id")
      .notNull()
      .references(() => gateways.id, { onDelete: "cascade" }),
    orgId: orgIdColumn(),
    batch: integer("batch").notNull().default(0),
    status: gatewayRolloutStatusEnum("status").notNull().default("pending"),
    configHash: text("config_hash"),
    errorMessage: text("error_message"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    /** When this gateway's batch started: from then on the deployment is its desired config (apply timeout counts from here). */
    releasedAt: ts("released_at"),
    sentAt: ts("sent_at"),
    finishedAt: ts("finished_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.deploymentId, t.gatewayId] }),
    index("deployment_gateways_gateway_idx").on(t.gatewayId),
  ],
);
