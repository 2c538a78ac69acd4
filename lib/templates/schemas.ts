import { z } from "zod";
import { pageQuery } from "../http/pagination";

export const MAX_CONTENT_BYTES = 512 * 1024;

const name = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");
const description = z.string().trim().max(1000, "Description must be at most 1000 characters");
const content = z
  .string({ error: "content must be the collector config as a YAML string" })
  .refine((s) => s.trim() !== "", "content is required: paste the collector config YAML")
  .refine((s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES, `content must be at most ${MAX_CONTENT_BYTES / 1024} KiB`);
const message = z.string().trim().max(500, "Message must be at most 500 characters");

export const createTemplateInput = z.object({
  name,
  description: description.nullish(),
  content,
  message: message.nullish(),
});
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const saveVersionInput = z.object({
  content,
  message: message.nullish(),
  /** The version the editor started from: the optimistic concurrency check. */
  base_version: z.number({ error: "base_version (the version you edited) is required" }).int().min(1),
});
export type SaveVersionInput = z.infer<typeof saveVersionInput>;

export const updateTemplateInput = z
  .object({ name: name.optional(), description: description.nullish() })
  .strict()
  .refine((v) => v.name !== undefined || v.description !== undefined, "Send name and/or description");
export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;

export const listTemplateVersionsQuery = pageQuery({ maxLimit: 100, defaultLimit: 20 });

export const listTemplatesQuery = pageQuery({ maxLimit: 100, defaultLimit: 20 }).extend({
  q: z.string().trim().max(100).optional(),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;

export const diffQuery = z.object({
  from: z.coerce.number({ error: "from must be a version number" }).int().min(1),
  to: z.coerce.number({ error: "to must be a version number" }).int().min(1),
});

export const versionParam = z.coerce
  .number({ error: "version must be a number" })
  .int()
  .min(1, "version must be a positive number");
