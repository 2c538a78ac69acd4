import { and, lt, notInArray, sql } from "drizzle-orm";
import { transformSamples } from "../db/schema";
import type { Queryable } from "../db/client";
import { readSettings } from "../settings/queries";
import { compilePiiRules } from "../transforms/pii-patterns";
import { countRecords, type OtlpJson } from "./otlp-json";
import { redactPayload } from "./redact";
import { NEWEST_SAMPLES_FIRST, orgSamples } from "./queries";

/** A sample to store: the row's own fields (not its counts, size or expiry, which storeSample works out). */
export type NewSample = Pick<
  typeof transformSamples.$inferInsert,
  "orgId" | "name" | "signal" | "source" | "gatewayId" | "captureId" | "createdBy"
> & { payload: OtlpJson };

/**
 * The one way a sample is written: masked by the org's PII rules, given its expiry (`samples.max_age_days`), and
 * the org trimmed to its newest `samples.max_count` samples. Run inside the caller's transaction.
 */
export async function storeSample(tx: Queryable, s: NewSample) {
  const settings = await readSettings(tx, s.orgId);
  const payload = redactPayload(s.payload, compilePiiRules(settings.pii_redaction));
  const now = new Date();
  const [row] = await tx
    .insert(transformSamples)
    .values({
      ...s,
      payload,
      recordCount: countRecords(s.signal, payload),
      bytes: Buffer.byteLength(JSON.stringify(payload)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + settings["samples.max_age_days"] * 86_400_000),
    })
    .returning();
  await trimOrgSamples(tx, s.orgId, settings["samples.max_count"]);
  return row;
}

/** Keeps the org's newest `keep` samples. */
async function trimOrgSamples(tx: Queryable, orgId: string, keep: number): Promise<void> {
  const newest = tx
    .select({ id: transformSamples.id })
    .from(transformSamples)
    .where(orgSamples(orgId))
    .orderBy(...NEWEST_SAMPLES_FIRST)
    .limit(keep);
  await tx.delete(transformSamples).where(and(orgSamples(orgId), notInArray(transformSamples.id, newest)));
}

/** The periodic half of retention: samples past their expiry go (cheap: one indexed range delete). */
export async function deleteExpiredSamples(db: Queryable): Promise<number> {
  const rows = await db
    .delete(transformSamples)
    .where(lt(transformSamples.expiresAt, sql`now()`))
    .returning({ id: transformSamples.id });
  return rows.length;
}
