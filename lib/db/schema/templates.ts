import { boolean, integer, jsonb, text, uuid } from "drizzle-orm/pg-core";
import { index, pgEnum, pgTable, primaryKey, uniqueIndex } from "drizzle-orm/pg-core";
import { parentRef, ts, updatedAt } from "./common";
import { createdByAt, orgEntity } from "./orgs";
import { documentVersion, versionedDocument } from "./versioned";
import { gatewayScoped } from "./gateways";
import { DEPLOYMENT_STATUSES, ROLLOUT_STATUSES } from "../../deployments/statuses";

export const templates = pgTable(
  "templates",
  {
    ...versionedDocument(),
    /** The org's base config: what gateways get when no deployment targets them. At most one per org. */
    isBase: boolean("is_base").notNull().default(false),
  },
  (t) => [uniqueIndex("templates_org_name_idx").on(t.orgId, t.name), index("templates_org_id_idx").on(t.orgId)],
);

/** Immutable: a row is never updated once written. */
export const templateVersions = pgTable(
  "template_versions",
  {
    ...documentVersion("templateId", "template_id", () => templates.id),
    content: text("content").notNull(),
    /** The content with its transform references expanded (what gateways get); null when it has none. */
    renderedContent: text("rendered_content"),
    contentHash: text("content_hash").notNull(),
  },
  (t) => [uniqueIndex("template_versions_template_version_idx").on(t.templateId, t.version)],
);

export const deploymentStatusEnum = pgEnum("deployment_status", DEPLOYMENT_STATUSES);
export const gatewayRolloutStatusEnum = pgEnum("gateway_rollout_status", ROLLOUT_STATUSES);

/** selector: every key must match; a null value means "has the key" (any value). */
export type DeploymentTarget = { gateway_ids?: string[]; selector?: Record<string, string | null> };
export type DeploymentStrategy = {
  type: "all_at_once" | "progressive";
  batch_size?: number;
  batch_percent?: number;
  pause_seconds?: number;
  failure_threshold?: number;
  failure_threshold_percent?: number;
  gates?: DeploymentGates;
};

/** Telemetry gates on a strategy (lib/deployments/gates.ts); a threshold left out is a gate not applied. */
export type DeploymentGates = {
  watch_seconds: number;
  export_failures_per_min?: number;
  drop_percent?: number;
  volume_change_percent?: number;
  /** Default true: a gateway that reported own metrics before the batch and none after fails it. */
  reporting?: boolean;
  /** Default true: a gateway reporting unhealthy components fails it. */
  healthy?: boolean;
  /** Roll back to the previous version when a gate fails (default false: halt only). */
  rollback?: boolean;
};

export const deployments = pgTable(
  "deployments",
  {
    ...orgEntity(),
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
    /** The engine's last gate verdict (lib/deployments/gates.ts GatesView), kept as it decided, with its figures. */
    gateVerdict: jsonb("gate_verdict").$type<Record<string, unknown>>(),
    ...createdByAt(),
    updatedAt: updatedAt(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("deployments_org_id_idx").on(t.orgId, t.createdAt)],
);

export const deploymentGateways = pgTable(
  "deployment_gateways",
  {
    deploymentId: parentRef("deployment_id", () => deployments.id),
    ...gatewayScoped(),
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
