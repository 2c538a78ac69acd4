import { z } from "zod";
import { REFERENCE_KINDS } from "./references";

/** Where series are counted: the newest metrics samples captured from a gateway, or one sample. */
export const sampleScopeFields = {
  gateway_id: z.string().optional().describe("Count the newest metrics samples captured from this gateway"),
  sample_id: z.string().optional().describe("Count this one metrics sample (any source)"),
  samples: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe("With gateway_id: how many of its newest metrics samples"),
};
const oneScope = (q: { gateway_id?: string; sample_id?: string }) => Boolean(q.gateway_id) !== Boolean(q.sample_id);
const scopeMessage = { message: "give either gateway_id or sample_id", path: ["gateway_id"] };

export const cardinalityQueryFields = {
  ...sampleScopeFields,
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Top metrics by series"),
};
export const cardinalityQuery = z.object(cardinalityQueryFields).refine(oneScope, scopeMessage);
export type CardinalityQuery = z.input<typeof cardinalityQuery>;

export const unusedQuery = z.object(sampleScopeFields).refine(oneScope, scopeMessage);
export type UnusedQuery = z.input<typeof unusedQuery>;

/** 2 MiB: large Grafana dashboards run to a few hundred KiB. */
export const REFERENCE_MAX_BYTES = 2 * 1024 * 1024;

export const importReferencesInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(200),
  kind: z.enum(REFERENCE_KINDS, { error: "kind must be grafana_dashboard, prometheus_rules or name_list" }),
  content: z
    .string({ error: "content must be a string" })
    .min(1, "content is empty")
    .refine((c) => Buffer.byteLength(c) <= REFERENCE_MAX_BYTES, "content is larger than 2 MiB"),
});
export type ImportReferencesInput = z.infer<typeof importReferencesInput>;
