import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { createTemplateInput, type CreateTemplateInput } from "./schemas";
import {
  contentHash,
  linkTransforms,
  templateJson,
  templateKind,
  transformPins,
  validateForSave,
  versionJson,
} from "./shared";
import { auditDocument, createDocument } from "./versioned";

/** Creates a template and its version 1, after validating the config (operator). */
export async function createTemplate(ctx: Ctx, input: CreateTemplateInput) {
  requireRole(ctx, "templates.create");
  const data = parseWith(createTemplateInput, input);
  const checked = await validateForSave(ctx.db, ctx.orgId, data.content);
  const hash = contentHash(data.content);
  const document = { name: data.name, description: data.description || null };
  const first = { content: data.content, renderedContent: checked.rendered, contentHash: hash, message: data.message };
  return createDocument(ctx, templateKind, { document, first }, async (tx, { document: template, version }) => {
    await linkTransforms(tx, ctx.orgId, version, checked);
    await auditDocument(tx, ctx, templateKind, "create", template.id, {
      name: template.name,
      version: 1,
      content_hash: hash,
      ...(checked.links.length ? { transforms: transformPins(checked) } : {}),
    });
    return {
      ...templateJson(template),
      version: versionJson(version, null),
      validation: checked.validation,
      transforms: transformPins(checked),
    };
  });
}
