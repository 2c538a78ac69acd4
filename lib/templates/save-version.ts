import { templateVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { saveVersionInput, type SaveVersionInput } from "./schemas";
import {
  contentHash,
  findTemplateOr404,
  linkTransforms,
  notifyOrgGateways,
  templateKind,
  transformPins,
  validateForSave,
  versionJson,
} from "./shared";
import { auditDocument, saveNextVersion } from "./versioned";

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
    const { document: template, version } = await saveNextVersion(tx, ctx, templateKind, {
      id: templateId,
      baseVersion: data.base_version,
      compare: { hash: templateVersions.contentHash, rendered: templateVersions.renderedContent },
      // Same text can still be a change: an unpinned transform reference now resolves to a newer version.
      unchanged: (base) => base.hash === hash && base.rendered === checked.rendered,
      fields: {
        content: data.content,
        renderedContent: checked.rendered,
        contentHash: hash,
        message: data.message || null,
      },
    });
    await linkTransforms(tx, ctx.orgId, version, checked);
    await auditDocument(tx, ctx, templateKind, "version", templateId, {
      name: template.name,
      version: version.version,
      content_hash: hash,
      message: version.message,
      ...(checked.links.length ? { transforms: transformPins(checked) } : {}),
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
