import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, real, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { optionalRef, parentRef, ts } from "./common";
import { createdByAt, orgEntity } from "./orgs";
import { gateways } from "./gateways";

export type SampleSignal = "logs" | "metrics" | "traces";

export const sampleSourceEnum = pgEnum("sample_source", ["paste", "upload", "capture"]);
export const captureStatusEnum = pgEnum("capture_status", ["pending", "active", "completed", "expired", "failed"]);

/**
 * Telemetry records kept to preview transforms on: OTLP/JSON (an Export*ServiceRequest), already redacted by the
 * org's PII rules. Kept per org up to a count and an age (lib/samples/retention.ts).
 */
export const transformSamples = pgTable(
  "transform_samples",
  {
    ...orgEntity(),
    name: text("name").notNull(),
    signal: text("signal").$type<SampleSignal>().notNull(),
    source: sampleSourceEnum("source").notNull(),
    gatewayId: optionalRef("gateway_id", () => gateways.id),
    captureId: uuid("capture_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    recordCount: integer("record_count").notNull(),
    /** Size of the stored OTLP/JSON text. */
    bytes: integer("bytes").notNull(),
    ...createdByAt(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [
    index("transform_samples_org_created_idx").on(t.orgId, t.createdAt),
    index("transform_samples_expires_idx").on(t.expiresAt),
  ],
);

/**
 * A live capture: while open (pending or active, before `ends_at`), the gateway's desired config carries an extra
 * pipeline exporting to FlowGate (lib/capture/overlay.ts). Received records, redacted, gather in `payload` until
 * the capture closes into a sample.
 */
export const transformCaptures = pgTable(
  "transform_captures",
  {
    ...orgEntity(),
    gatewayId: parentRef("gateway_id", () => gateways.id),
    signal: text("signal").$type<SampleSignal>().notNull(),
    status: captureStatusEnum("status").notNull().default("pending"),
    maxRecords: integer("max_records").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    samplingPercentage: real("sampling_percentage"),
    recordCount: integer("record_count").notNull().default(0),
    /** Records received so far (OTLP/JSON, redacted); cleared when the capture closes. */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    sampleId: optionalRef("sample_id", () => transformSamples.id),
    error: text("error"),
    ...createdByAt(),
    endsAt: ts("ends_at").notNull(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    // At most one open capture per gateway; the desired-config overlay reads this (small) index only.
    uniqueIndex("transform_captures_open_gateway_idx")
      .on(t.gatewayId)
      .where(sql`status in ('pending', 'active')`),
    index("transform_captures_org_idx").on(t.orgId, t.createdAt),
  ],
);
