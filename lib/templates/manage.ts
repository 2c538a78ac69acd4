import { and, count, eq, ne } from "drizzle-orm";
import { deployments, organizations, templates } from "../db/schema";
import type { Ctx } from "../auth/context";
import { conflictOnDuplicate } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { ConflictError, NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { updateTemplateInput, type UpdateTemplateInput } from "./schemas";
import { findTemplateOr404, notifyOrgGateways, TEMPLATE_NOT_FOUND, templateJson, templateKind } from "./shared";
import { auditDocument } from "./versioned";

/** Renames a template or changes its description (operator). Content changes go through saveTemplateVersion. */
export async function updateTemplate(ctx: Ctx, templateId: string, input: UpdateTemplateInput) {
  requireRole(ctx, "templates.update");
  const data = parseWith(updateTemplateInput, input);
  const before = await findTemplateOr404(ctx.db, ctx.orgId, templateId);
  return conflictOnDuplicate(`A template named "${data.name}" already exists`, () =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(templates)
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.description !== undefined ? { description: data.description || null } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(templates.id, templateId), eq(templates.orgId, ctx.orgId)))
        .returning();
      if (!row) throw new NotFoundError(TEMPLATE_NOT_FOUND);
      await auditDocument(tx, ctx, templateKind, "update", templateId, {
        name: row.name,
        ...(data.name !== undefined && data.name !== before.name ? { renamed_from: before.name } : {}),
      });
      return templateJson(row);
    }),
  );
}

/**
 * Makes this template the org's base config (operator): at most one per org. The org row is locked first so two
 * concurrent calls cannot both leave their template marked. Gateways are told to re-check their config.
 */
export async function setBaseTemplate(ctx: Ctx, templateId: string) {
  requireRole(ctx, "templates.set_base");
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, ctx.orgId)).for("update");
    const template = await findTemplateOr404(tx, ctx.orgId, templateId, { forUpdate: true });
    if (template.isBase) return templateJson(template);
    const previous = await tx
      .update(templates)
      .set({ isBase: false, updatedAt: new Date() })
      .where(and(eq(templates.orgId, ctx.orgId), eq(templates.isBase, true), ne(templates.id, templateId)))
      .returning({ id: templates.id, name: templates.name });
    const [row] = await tx
      .update(templates)
      .set({ isBase: true, updatedAt: new Date() })
      .where(eq(templates.id, templateId))
      .returning();
    await auditDocument(tx, ctx, templateKind, "set_base", templateId, {
      name: row.name,
      version: row.latestVersion,
      previous_base: previous[0] ?? null,
    });
    await notifyOrgGateways(tx, ctx.orgId);
    return templateJson(row);
  });
}

/** Deletes a template and its versions (operator); refused with 409 while any deployment references it. */
export async function deleteTemplate(ctx: Ctx, templateId: string) {
  requireRole(ctx, "templates.delete");
  try {
    return await ctx.db.transaction(async (tx) => {
      const template = await findTemplateOr404(tx, ctx.orgId, templateId, { forUpdate: true });
      const [{ n }] = await tx.select({ n: count() }).from(deployments).where(eq(deployments.templateId, templateId));
      if (Number(n) > 0) throw inUse(Number(n));
      await tx.delete(templates).where(eq(templates.id, templateId));
      await auditDocument(tx, ctx, templateKind, "delete", templateId, {
        name: template.name,
        versions: template.latestVersion,
        was_base: template.isBase,
      });
      if (template.isBase) await notifyOrgGateways(tx, ctx.orgId);
      return { id: templateId };
    });
  } catch (err) {
    // A deployment created concurrently: the foreign key (on delete restrict) catches what the count missed.
    if (
      (err as { code?: string; cause?: { code?: string } }).code === "23503" ||
      (err as { cause?: { code?: string } }).cause?.code === "23503"
    )
      throw inUse(1);
    throw err;
  }
}

function inUse(n: number): ConflictError {
  return new ConflictError(`Template is used by ${n} deployment${n === 1 ? "" : "s"} and cannot be deleted`);
}
