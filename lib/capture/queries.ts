import { and, eq } from "drizzle-orm";
import { transformCaptures } from "../db/schema";
import type { Ctx } from "../auth/context";
import { NotFoundError } from "../errors";
import { isUuid } from "../uuid";

type CaptureRow = typeof transformCaptures.$inferSelect;

export function captureJson(c: CaptureRow) {
  return {
    id: c.id,
    gateway_id: c.gatewayId,
    signal: c.signal,
    status: c.status,
    record_count: c.recordCount,
    max_records: c.maxRecords,
    duration_seconds: c.durationSeconds,
    sampling_percentage: c.samplingPercentage,
    sample_id: c.sampleId,
    error: c.error,
    created_at: c.createdAt,
    ends_at: c.endsAt,
    finished_at: c.finishedAt,
  };
}

/** A capture's status and progress (any member). */
export async function getCapture(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("Capture not found");
  const [row] = await ctx.db
    .select()
    .from(transformCaptures)
    .where(and(eq(transformCaptures.id, id), eq(transformCaptures.orgId, ctx.orgId)));
  if (!row) throw new NotFoundError("Capture not found");
  return captureJson(row);
}
