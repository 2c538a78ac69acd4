import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { gateways, templates, templateVersions, templateVersionTransforms } from "../db/schema";
import type { Queryable } from "../db/client";
import { findOrgRowOr404 } from "../db/org-rows";
import { InvalidInputError } from "../errors";
import { publishAgentEvent } from "../events/bus";
import { checkTemplateContent, type CheckedContent } from "./transform-refs";
import { documentKind } from "./versioned";

export const TEMPLATE_NOT_FOUND = "Template not found";
type TemplateRow = typeof templates.$inferSelect;
type VersionRow = typeof templateVersions.$inferSelect;

export const templateKind = documentKind("template", templates, templateVersions, "templateId");

export function contentHash(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

/**
 * Validates against the org's allow-list, with transform references resolved and expanded; an invalid config is a
 * 400 carrying the whole result, and nothing is saved.
 */
export async function validateForSave(db: Queryable, orgId: string, content: string): Promise<CheckedContent> {
  const checked = await checkTemplateContent(db, orgId, content);
  if (!checked.validation.valid) {
    const n = checked.validation.errors.length;
    throw new InvalidInputError(`The config is invalid (${n} error${n === 1 ? "" : "s"}); nothing was saved`, {
      validation: checked.validation,
    });
  }
  return checked;
}

/** Records which transform versions a template version was rendered with ("where used", the delete guard). */
export async function linkTransforms(
  tx: Queryable,
  orgId: string,
  version: { id: string; templateId: string },
  checked: CheckedContent,
): Promise<void> {
  if (checked.links.length === 0) return;
  await tx.insert(templateVersionTransforms).values(
    checked.links.map((l) => ({
      templateVersionId: version.id,
      templateId: version.templateId,
      transformVersionId: l.transformVersionId,
      transformId: l.transformId,
      orgId,
      pinned: l.pinned,
    })),
  );
}

/** The transform versions a save pinned, as the API shows them. */
export function transformPins(checked: CheckedContent) {
  return checked.links.map((l) => ({
    transform_id: l.transformId,
    name: l.name,
    version: l.version,
    pinned: l.pinned,
  }));
}

/** The org's template with this id, else 404 (a malformed id and another org's template look the same). */
export function findTemplateOr404(db: Queryable, orgId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  return findOrgRowOr404(db, templates, { orgId, id, notFound: TEMPLATE_NOT_FOUND, ...opts });
}

/**
 * Tells the org's gateways their desired config may have changed (the base config did). Inside a transaction
 * the notification is delivered on commit only.
 */
export async function notifyOrgGateways(db: Queryable, orgId: string): Promise<void> {
  const rows = await db.select({ id: gateways.id }).from(gateways).where(eq(gateways.orgId, orgId));
  if (rows.length > 0) await publishAgentEvent(db, { type: "config", gatewayIds: rows.map((r) => r.id) });
}

export function templateJson(t: TemplateRow) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    is_base: t.isBase,
    latest_version: t.latestVersion,
    created_by: t.createdBy,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}
export type TemplateJson = ReturnType<typeof templateJson>;

export function versionJson(
  v: Omit<VersionRow, "content" | "renderedContent" | "orgId"> & { content?: string },
  author: string | null,
) {
  return {
    id: v.id,
    template_id: v.templateId,
    version: v.version,
    message: v.message,
    content_hash: v.contentHash,
    author_id: v.authorId,
    author,
    created_at: v.createdAt,
    ...(v.content !== undefined ? { content: v.content } : {}),
  };
}
export type VersionJson = ReturnType<typeof versionJson>;
