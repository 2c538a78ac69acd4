import { and, eq } from "drizzle-orm";
import { templates, templateVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { bumpLatestVersion } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { InvalidInputError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { saveVersionInput, type SaveVersionInput } from "./schemas";
import {
  contentHash,
  findTemplateOr404,
  linkTransforms,
  notifyOrgGateways,
  transformPins,
  validateForSave,
  versionJson,
} from "./shared";

/**
 * Saves a new immutable version (operator). Optimistic concurrency (bumpLatestVersion): `base_version` must still
 * be the latest, else 409.
 */
export async function saveTemplateVersion(ctx: Ctx, templateId: string, input: SaveVersionInput) {
  requireRole(ctx, "templates.save_version");
  const data = parseWith(saveVersionInput, input);
  await findTemplateOr404(ctx.db, ctx.orgId, templateId);
  const checked = await validateForSave(ctx.db, ctx.orgId, data.content);
  const hash = contentHash(data.content);
  return ctx.db.transaction(async (tx) => {
    const template = await bumpLatestVersion(tx, templates, {
      orgId: ctx.orgId,
      id: templateId,
      baseVersion: data.base_version,
      noun: "Template",
    });
    const [previous] = await tx
      .select({ hash: templateVersions.contentHash, rendered: templateVersions.renderedContent })
      .from(templateVersions)
      .where(and(eq(templateVersions.templateId, templateId), eq(templateVersions.version, data.base_version)));
    // Same text can still be a change: an unpinned transform reference now resolves to a newer version.
    if (previous?.hash === hash && previous.rendered === checked.rendered)
      throw new InvalidInputError(`Nothing changed since version ${data.base_version}`);
    const [version] = await tx
      .insert(templateVersions)
      .values({
        templateId,
        orgId: ctx.orgId,
        version: template.latestVersion,
        content: data.content,
        renderedContent: checked.rendered,
        contentHash: hash,
        message: data.message || null,
        authorId: ctx.userId ?? null,
      })
      .returning();
    await linkTransforms(tx, ctx.orgId, version, checked);
    await recordAudit(tx, ctx, {
      action: "template.version",
      targetType: "template",
      targetId: templateId,
      details: {
        name: template.name,
        version: version.version,
        content_hash: hash,
        message: version.message,
        ...(checked.links.length ? { transforms: transformPins(checked) } : {}),
      },
    });
    // Gateways without a deployment run the base config: they must get this version.
    if (template.isBase) await notifyOrgGateways(tx, ctx.orgId);
    return {
      ...versionJson(version, null),
      content: data.content,
      validation: checked.validation,
      transforms: transformPins(checked),
    };
  });
}
