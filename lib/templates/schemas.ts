import { z } from "zod";
import { pageQuery } from "../http/pagination";
import { createDocumentInput, renameInput, saveVersionBody } from "./document-schemas";

export { diffQuery, versionParam } from "./document-schemas";

export const MAX_CONTENT_BYTES = 512 * 1024;

const name = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");
const content = z
  .string({ error: "content must be the collector config as a YAML string" })
  .refine((s) => s.trim() !== "", "content is required: paste the collector config YAML")
  .refine((s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES, `content must be at most ${MAX_CONTENT_BYTES / 1024} KiB`);

export const createTemplateInput = createDocumentInput({ name }, { content });
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const saveVersionInput = saveVersionBody({ content });
export type SaveVersionInput = z.infer<typeof saveVersionInput>;

export const updateTemplateInput = renameInput(name);
export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;

export const listTemplateVersionsQuery = pageQuery({ maxLimit: 100, defaultLimit: 20 });

export const listTemplatesQuery = pageQuery({ maxLimit: 100, defaultLimit: 20 }).extend({
  q: z.string().trim().max(100).optional(),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;
