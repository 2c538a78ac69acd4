import { bigint, bigserial, boolean, customType, integer, jsonb, text } from "drizzle-orm/pg-core";
import { index, pgEnum, pgTable, primaryKey, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, optionalRef, parentRef, ts, updatedAt } from "./common";
import { createdByAt, orgEntity, orgIdColumn } from "./orgs";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const gatewayStatusEnum = pgEnum("gateway_status", ["registered", "active", "inactive", "error"]);
export const connectionStateEnum = pgEnum("connection_state", ["connected", "disconnected"]);
export const transportEnum = pgEnum("opamp_transport", ["websocket", "http"]);

export const registrationTokens = pgTable(
  "registration_tokens",
  {
    ...orgEntity(),
    name: text("name").notNull(),
    /** SHA-256 hex digest of the token; the plain value is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: ts("expires_at").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    /** 1 = single use (the default); null = unlimited until expiry (a Deployment's replicas share one token). */
    maxUses: integer("max_uses").default(1),
    useCount: integer("use_count").notNull().default(0),
    ...createdByAt(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("registration_tokens_org_id_idx").on(t.orgId)],
);

export type GatewayMetrics = {
  logs_processed: number;
  errors: number;
  latency_ms: number | null;
  throughput_per_sec?: number | null;
  last_updated: string | null;
};

/**
 * Liveness (last_seen, sequence_num) is rewritten for every connected agent every few seconds, so no index covers
 * those columns and the table keeps free space in each page (fillfactor 70, set in migration 0013, which drizzle
 * cannot declare): PostgreSQL then updates the row in place (a HOT update) without touching any index.
 */
export const gateways = pgTable(
  "gateways",
  {
    ...orgEntity(),
    instanceId: text("instance_id").notNull(),
    name: text("name").notNull(),
    hostname: text("hostname"),
    ipAddress: text("ip_address"),
    status: gatewayStatusEnum("status").notNull().default("registered"),
    lastSeen: ts("last_seen"),
    /** When the current run of uninterrupted activity began (for uptime). */
    activeSince: ts("active_since"),
    currentConfigVersion: integer("current_config_version"),
    registrationTokenId: optionalRef("registration_token_id", () => registrationTokens.id),
    /** Only the JWT id of the current OpAMP token is kept, so it can be revoked or rotated; never the token. */
    opampTokenJti: text("opamp_token_jti"),
    opampTokenExpiresAt: ts("opamp_token_expires_at"),
    /** Version info, capabilities and other facts the gateway reported at registration. */
    extraMetadata: jsonb("extra_metadata").$type<Record<string, unknown>>().notNull().default({}),

    // OpAMP state, as last reported by the agent.
    opampInstanceUid: bytea("opamp_instance_uid"),
    connectionState: connectionStateEnum("connection_state").notNull().default("disconnected"),
    transport: transportEnum("transport"),
    sequenceNum: bigint("sequence_num", { mode: "bigint" }),
    capabilities: bigint("capabilities", { mode: "number" }),
    agentVersion: text("agent_version"),
    os: text("os"),
    agentDescription: jsonb("agent_description").$type<Record<string, unknown>>(),
    effectiveConfig: text("effective_config"),
    effectiveConfigHash: text("effective_config_hash"),
    remoteConfigStatus: jsonb("remote_config_status").$type<Record<string, unknown>>(),
    componentHealth: jsonb("component_health").$type<Record<string, unknown>>(),
    packageStatuses: jsonb("package_statuses").$type<Record<string, unknown>>(),
    availableComponents: jsonb("available_components").$type<Record<string, unknown>>(),
    connectionSettingsStatus: jsonb("connection_settings_status").$type<Record<string, unknown>>(),
    metrics: jsonb("metrics").$type<GatewayMetrics>(),
    /** Derived from component_health when the agent reports it: false makes status `error`; null = never reported. */
    reportedHealthy: boolean("reported_healthy"),
    /** The unhealthy component and its last_error, while reported_healthy is false. */
    healthReason: text("health_reason"),
    /** The effective config hash differs from the desired one (evaluated when the agent reports its config). */
    configDrift: boolean("config_drift").notNull().default(false),

    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("gateways_org_instance_idx").on(t.orgId, t.instanceId),
    index("gateways_instance_id_idx").on(t.instanceId),
    index("gateways_org_id_idx").on(t.orgId),
    // OpAMP duplicate instance_uid detection looks agents up by uid.
    index("gateways_opamp_instance_uid_idx").on(t.opampInstanceUid),
  ],
);

/** The gateway a row belongs to (deleted with it) and that gateway's org, for the org-wide reads. */
export const gatewayScoped = () => ({ gatewayId: parentRef("gateway_id", () => gateways.id), orgId: orgIdColumn() });

/** A gateway's append-only record (its logs, its events): a serial id, so rows read back in the order written. */
const gatewayRecord = () => ({ id: bigserial("id", { mode: "number" }).primaryKey(), ...gatewayScoped() });

export const agentTags = pgTable(
  "agent_tags",
  {
    ...gatewayScoped(),
    key: text("key").notNull(),
    value: text("value").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.gatewayId, t.key] }),
    index("agent_tags_org_key_value_idx").on(t.orgId, t.key, t.value),
  ],
);

/** The collector's own logs (OTLP), newest N kept per gateway. */
export const gatewayLogs = pgTable(
  "gateway_logs",
  {
    ...gatewayRecord(),
    timestamp: ts("timestamp").notNull(),
    severity: text("severity"),
    body: text("body").notNull(),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("gateway_logs_gateway_id_idx").on(t.gatewayId, t.id)],
);

/**
 * A gateway's history as the server saw it: connections, configs sent/applied/failed, health changes. Written in
 * batches off the OpAMP path; people's actions on the gateway stay in the audit log.
 */
export const gatewayEvents = pgTable(
  "gateway_events",
  {
    ...gatewayRecord(),
    kind: text("kind").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("gateway_events_gateway_created_idx").on(t.gatewayId, t.createdAt),
    // The hourly retention delete.
    index("gateway_events_created_idx").on(t.createdAt),
  ],
);
