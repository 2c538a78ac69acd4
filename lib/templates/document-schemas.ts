import { z } from "zod";

/** Input pieces shared by the versioned documents (templates, transforms). */
export const description = z.string().trim().max(1000, "Description must be at most 1000 characters");
export const message = z.string().trim().max(500, "Message must be at most 500 characters");
/** The version the editor started from: the optimistic concurrency check. */
export const baseVersion = z.number({ error: "base_version (the version you edited) is required" }).int().min(1);

/** POST body of a new document: who it is (`head`), a description, its first version's `body` and a message. */
export const createDocumentInput = <H extends z.ZodRawShape, B extends z.ZodRawShape>(head: H, body: B) =>
  z.object({ ...head, description: description.nullish(), ...body, message: message.nullish() });

/** POST body of a new version: its `body`, a message, and the version it was edited from. */
export const saveVersionBody = <B extends z.ZodRawShape>(body: B) =>
  z.object({ ...body, message: message.nullish(), base_version: baseVersion });

/** PATCH body of a document: a new name and/or description, nothing else. */
export const renameInput = <N extends z.ZodType>(name: N) =>
  z
    .object({ name: name.optional(), description: description.nullish() })
    .strict()
    .refine((v) => v.name !== undefined || v.description !== undefined, "Send name and/or description");

export const versionParam = z.coerce
  .number({ error: "version must be a number" })
  .int()
  .min(1, "version must be a positive number");

export const diffQuery = z.object({
  from: z.coerce.number({ error: "from must be a version number" }).int().min(1),
  to: z.coerce.number({ error: "to must be a version number" }).int().min(1),
});
