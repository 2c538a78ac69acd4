import { z } from "zod";
import { SAMPLE_FORMATS } from "./parse";

export const SAMPLE_SIGNALS = ["logs", "metrics", "traces"] as const;

export const createSampleInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(200),
  signal: z.enum(SAMPLE_SIGNALS, { error: "signal must be logs, metrics or traces" }),
  format: z.enum(SAMPLE_FORMATS, { error: "format must be lines, json or otlp_json" }),
  content: z.string({ error: "content must be a string" }),
  /** Defaults to upload for OTLP/JSON, paste otherwise. */
  source: z.enum(["paste", "upload"]).optional(),
});
export type CreateSampleInput = z.infer<typeof createSampleInput>;

export const listSamplesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  signal: z.enum(SAMPLE_SIGNALS).optional(),
});
export type ListSamplesQuery = z.input<typeof listSamplesQuery>;
