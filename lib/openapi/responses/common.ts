import { z } from "zod";

/** A timestamp as JSON writes a Date: ISO 8601 in UTC. */
export const timestamp = z.iso.datetime({ offset: true });
export const nullableTimestamp = timestamp.nullable();
export const id = z.uuid();

/** Who created a row and when (lib/db/schema/orgs.ts createdByAt). */
export const createdByAt = { created_by: id.nullable(), created_at: timestamp };
/** When a row was created and last changed. */
export const timestamps = { created_at: timestamp, updated_at: timestamp };

/**
 * The fields every saved version of a versioned document (templates, transforms) starts with, as
 * lib/db/schema/versioned.ts documentVersion: `documentKey` names the document's id.
 */
export const versionFields = <K extends string>(documentKey: K) => ({
  id,
  ...({ [documentKey]: id } as Record<K, typeof id>),
  version: z.int(),
  message: z.string().nullable(),
});

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
