import { templates, templateVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { conflictOnDuplicate } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { createTemplateInput, type CreateTemplateInput } from "./schemas";
import { contentHash, linkTransforms, templateJson, transformPins, validateForSave, versionJson } from "./shared";

/** Creates a template and its version 1, after validating the config (operator). */
export async function createTemplate(ctx: Ctx, input: CreateTemplateInput) {
  requireRole(ctx, "templates.create");
  const data = parseWith(createTemplateInput, input);
  const checked = await validateForSave(ctx.db, ctx.orgId, data.content);
  const hash = contentHash(data.content);
  return conflictOnDuplicate(`A template named "${data.name}" already exists`, () =>
    ctx.db.transaction(async (tx) => {
      const [template] = await tx
        .insert(templates)
        .values({
          orgId: ctx.orgId,
          name: data.name,
          description: data.description || null,
          latestVersion: 1,
          createdBy: ctx.userId ?? null,
        })
        .returning();
      const [version] = await tx
        .insert(templateVersions)
        .values({
          templateId: template.id,
          orgId: ctx.orgId,
          version: 1,
          content: data.content,
          renderedContent: checked.rendered,
          contentHash: hash,
          message: data.message || "Initial version",
          authorId: ctx.userId ?? null,
        })
        .returning();
      await linkTransforms(tx, ctx.orgId, version, checked);
      await recordAudit(tx, ctx, {
        action: "template.create",
        targetType: "template",
        targetId: template.id,
        details: {
          name: template.name,
          version: 1,
          content_hash: hash,
          ...(checked.links.length ? { transforms: transformPins(checked) } : {}),
        },
      });
      return {
        ...templateJson(template),
        version: versionJson(version, null),
        validation: checked.validation,
        transforms: transformPins(checked),
      };
    }),
  );
}
