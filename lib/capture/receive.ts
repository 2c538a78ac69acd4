import { and, eq } from "drizzle-orm";
import { transformCaptures, type SampleSignal } from "../db/schema";
import type { Db } from "../db/client";
import { NotFoundError, UnauthorizedError } from "../errors";
import { firstRecords, mergePayloads, toOtlpJson, type OtlpJson } from "../samples/otlp-json";
import { orgPiiMasker, redactPayload } from "../samples/redact";
import { closeCapture } from "./finish";
import { OPEN_CAPTURE_STATUSES } from "./overlay";
import { verifyCaptureToken } from "./token";

/**
 * Adds an exported request's records to an open capture, up to its max_records; the rest (and anything sent after
 * the capture closed) is accepted and dropped, so the exporter does not retry. Records are PII-masked before they
 * are written. Reaching the cap closes the capture into a sample at once.
 */
export async function receiveCaptureRecords(
  db: Db,
  captureId: string,
  token: string | null,
  signal: SampleSignal,
  request: Record<string, unknown>,
) {
  const bound = verifyCaptureToken(token, captureId);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(transformCaptures)
      .where(
        and(
          eq(transformCaptures.id, captureId),
          eq(transformCaptures.gatewayId, bound.gatewayId),
          eq(transformCaptures.orgId, bound.orgId),
        ),
      )
      .for("update");
    if (!c) throw new UnauthorizedError("Invalid or expired capture token");
    if (c.signal !== signal) throw new NotFoundError(`This capture receives ${c.signal}, not ${signal}`);
    if (!(OPEN_CAPTURE_STATUSES as readonly string[]).includes(c.status)) return { accepted: 0 };
    const { payload, count } = firstRecords(signal, toOtlpJson(request) as OtlpJson, c.maxRecords - c.recordCount);
    if (count === 0) return { accepted: 0 };
    const masked = redactPayload(payload, await orgPiiMasker(tx, c.orgId));
    const next = {
      ...c,
      status: "active" as const,
      recordCount: c.recordCount + count,
      payload: mergePayloads(signal, c.payload, masked),
    };
    await tx
      .update(transformCaptures)
      .set({ status: next.status, recordCount: next.recordCount, payload: next.payload })
      .where(eq(transformCaptures.id, c.id));
    if (next.recordCount >= c.maxRecords) await closeCapture(tx, next, "full");
    return { accepted: count };
  });
}
