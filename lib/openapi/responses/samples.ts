import { z } from "zod";
import { id, page, timestamp } from "./common";

/** lib/samples/queries.ts sampleJson (the list leaves out the payload). */
export const sample = z.looseObject({
  id,
  name: z.string(),
  signal: z.enum(["logs", "metrics", "traces"]),
  source: z.enum(["paste", "upload", "capture"]),
  record_count: z.int(),
  bytes: z.int(),
  created_at: timestamp,
  expires_at: timestamp,
});
export const sampleList = page(sample);
/** With `payload`: the records as an OTLP/JSON export request, PII masked. */
export const sampleWithPayload = sample.extend({ payload: z.record(z.string(), z.unknown()) });

/** lib/capture: a live capture's state. */
export const capture = z.looseObject({
  id,
  gateway_id: id,
  signal: z.enum(["logs", "metrics", "traces"]),
  status: z.enum(["pending", "active", "completed", "expired", "failed"]),
  record_count: z.int(),
});
