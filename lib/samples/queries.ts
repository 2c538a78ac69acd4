import { and, desc, eq, sql } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import { transformSamples } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import { findOrgRowOr404 } from "../db/org-rows";
import { parseWith } from "../http/parse";
import { listSamplesQuery, type ListSamplesQuery } from "./schemas";

type SampleRow = typeof transformSamples.$inferSelect;

/** The org's samples, of one signal and one gateway when given. */
export const orgSamples = (orgId: string, only: { signal?: SampleRow["signal"]; gatewayId?: string } = {}) =>
  and(
    eq(transformSamples.orgId, orgId),
    only.signal ? eq(transformSamples.signal, only.signal) : undefined,
    only.gatewayId ? eq(transformSamples.gatewayId, only.gatewayId) : undefined,
  );

/** Newest first; the id breaks ties, so listing and trimming agree on which samples are newest. */
export const NEWEST_SAMPLES_FIRST = [desc(transformSamples.createdAt), desc(transformSamples.id)];

export function sampleJson(row: Omit<SampleRow, "payload"> & { payload?: SampleRow["payload"] }, withPayload: boolean) {
  return {
    id: row.id,
    name: row.name,
    signal: row.signal,
    source: row.source,
    gateway_id: row.gatewayId,
    capture_id: row.captureId,
    record_count: row.recordCount,
    bytes: row.bytes,
    created_by: row.createdBy,
    created_at: row.createdAt,
    expires_at: row.expiresAt,
    ...(withPayload ? { payload: row.payload } : {}),
  };
}

/** One page of the org's samples, newest first, without their payloads. */
export async function listSamples(ctx: Ctx, query: ListSamplesQuery = {}) {
  const { page, limit, signal } = parseWith(listSamplesQuery, query);
  const where = orgSamples(ctx.orgId, { signal });
  const { payload: _payload, ...columns } = getTableColumns(transformSamples);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select(columns)
      .from(transformSamples)
      .where(where)
      .orderBy(...NEWEST_SAMPLES_FIRST)
      .limit(limit)
      .offset((page - 1) * limit),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(transformSamples)
      .where(where),
  ]);
  return { items: rows.map((r) => sampleJson(r, false)), total: Number(total), page, limit };
}

export const SAMPLE_NOT_FOUND = "Sample not found";

export function findSampleOr404(db: Queryable, orgId: string, id: string) {
  return findOrgRowOr404(db, transformSamples, { orgId, id, notFound: SAMPLE_NOT_FOUND });
}

/** A sample with its payload (OTLP/JSON). */
export async function getSample(ctx: Ctx, id: string) {
  return sampleJson(await findSampleOr404(ctx.db, ctx.orgId, id), true);
}
