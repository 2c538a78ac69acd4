import { transformCaptures } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findOrgRowOr404 } from "../db/org-rows";

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
  const row = await findOrgRowOr404(ctx.db, transformCaptures, { orgId: ctx.orgId, id, notFound: "Capture not found" });
  return captureJson(row);
}
