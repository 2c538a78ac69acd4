import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { gateways, transformCaptures } from "../db/schema";
import type { Db, Queryable } from "../db/client";
import { forEachLockedRow } from "../db/each-locked";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { storeSample } from "../samples/store";
import { isOpenCapture, OPEN_CAPTURE_STATUSES } from "./overlay";
import { logger } from "../log/logger";

type CaptureRow = typeof transformCaptures.$inferSelect;
const SYSTEM = (orgId: string) => ({ orgId, actor: "system" });

/**
 * Closes an open capture (locked by the caller, with its latest payload): records become one sample (completed),
 * no records means expired. Either way the gateway's config is pushed again without the capture pipeline.
 */
export async function closeCapture(tx: Queryable, c: CaptureRow, reason: "full" | "window"): Promise<void> {
  const finishedAt = new Date();
  if (c.recordCount > 0 && c.payload) {
    const [g] = await tx.select({ name: gateways.name }).from(gateways).where(eq(gateways.id, c.gatewayId));
    const sample = await storeSample(tx, {
      orgId: c.orgId,
      name: `Capture from ${g?.name ?? c.gatewayId} at ${c.createdAt.toISOString()}`,
      signal: c.signal,
      source: "capture",
      payload: c.payload,
      gatewayId: c.gatewayId,
      captureId: c.id,
      createdBy: c.createdBy,
    });
    await tx
      .update(transformCaptures)
      .set({ status: "completed", sampleId: sample.id, payload: null, finishedAt })
      .where(eq(transformCaptures.id, c.id));
    await recordAudit(tx, SYSTEM(c.orgId), {
      action: "capture.complete",
      targetType: "capture",
      targetId: c.id,
      details: { gateway_id: c.gatewayId, reason, record_count: c.recordCount, sample_id: sample.id },
    });
  } else {
    await tx
      .update(transformCaptures)
      .set({ status: "expired", payload: null, finishedAt })
      .where(eq(transformCaptures.id, c.id));
    await recordAudit(tx, SYSTEM(c.orgId), {
      action: "capture.expire",
      targetType: "capture",
      targetId: c.id,
      details: { gateway_id: c.gatewayId },
    });
  }
  await publishAgentEvent(tx, { type: "config", gatewayIds: [c.gatewayId] });
}

/** A capture that could not be closed normally still ends: failed, its records dropped, the config restored. */
async function failCapture(db: Db, id: string, err: unknown): Promise<void> {
  await db.transaction(async (tx) => {
    const [c] = await tx
      .update(transformCaptures)
      .set({
        status: "failed",
        error: `Could not store the sample: ${(err as Error).message ?? String(err)}`.slice(0, 500),
        payload: null,
        finishedAt: new Date(),
      })
      .where(and(eq(transformCaptures.id, id), inArray(transformCaptures.status, [...OPEN_CAPTURE_STATUSES])))
      .returning();
    if (c) await publishAgentEvent(tx, { type: "config", gatewayIds: [c.gatewayId] });
  });
}

/**
 * Closes every open capture whose window has ended, each in its own transaction. `SKIP LOCKED` lets every replica
 * run this: a capture another process is closing (or receiving into) is left to it.
 */
export async function closeDueCaptures(db: Db): Promise<void> {
  await forEachLockedRow(
    db,
    transformCaptures,
    {
      due: and(isOpenCapture, lte(transformCaptures.endsAt, sql`now()`)),
      still: inArray(transformCaptures.status, [...OPEN_CAPTURE_STATUSES]),
    },
    (tx, c) => closeCapture(tx, c, "window"),
    (err, id) => {
      logger("capture").error({ err, capture_id: id }, "closing the capture failed");
      return failCapture(db, id, err).catch((e) =>
        logger("capture").error({ err: e, capture_id: id }, "recording the capture as failed did not work"),
      );
    },
  );
}
