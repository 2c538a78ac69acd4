import { z } from "zod";

/** A timestamp as JSON writes a Date: ISO 8601 in UTC. */
export const timestamp = z.iso.datetime({ offset: true });
export const nullableTimestamp = timestamp.nullable();
export const id = z.uuid();

/** The `{items, total, page, limit}` body of every list (lib/http/pagination.ts). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int().min(0), page: z.int().min(1), limit: z.int().min(1) });

/** Every error body: `detail` says what went wrong; some errors add fields (`errors`, `validation`, …). */
export const errorBody = z.looseObject({ detail: z.string() });

export const validationIssue = z.object({
  message: z.string(),
  line: z.int().optional(),
  column: z.int().optional(),
  path: z.string().optional(),
});
/** lib/validation/types.ts ValidationResult. */
export const validationResult = z.object({
  valid: z.boolean(),
  errors: z.array(validationIssue),
  warnings: z.array(validationIssue),
});

/** A JSON object whose keys are open (metadata, annotations, audit details). */
export const jsonObject = z.record(z.string(), z.unknown());
