import { and, eq } from "drizzle-orm";
import { transforms } from "../db/schema";
import type { Ctx } from "../auth/context";
import { conflictOnDuplicate } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { updateTransformInput, type UpdateTransformInput } from "./schemas";
import { findTransformOr404, refuseWhileUsed, transformJson, transformKind } from "./shared";
import { auditDocument } from "../templates/versioned";

/**
 * Renames a transform or changes its description (operator). Templates reference transforms by name, so a
 * transform in use keeps its name (409): the next save of those templates would no longer find it.
 */
export async function updateTransform(ctx: Ctx, transformId: string, input: UpdateTransformInput) {
  requireRole(ctx, "transforms.update");
  const data = parseWith(updateTransformInput, input);
  return conflictOnDuplicate(`A transform named "${data.name}" already exists`, () =>
    ctx.db.transaction(async (tx) => {
      const before = await findTransformOr404(tx, ctx.orgId, transformId, { forUpdate: true });
      const renamed = data.name !== undefined && data.name !== before.name;
      if (renamed)
        await refuseWhileUsed(tx, ctx.orgId, transformId, "templates reference it by name, so it cannot be renamed");
      const [row] = await tx
        .update(transforms)
        .set({
          ...(renamed ? { name: data.name } : {}),
          ...(data.description !== undefined ? { description: data.description || null } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(transforms.id, transformId), eq(transforms.orgId, ctx.orgId)))
        .returning();
      await auditDocument(tx, ctx, transformKind, "update", transformId, {
        name: row.name,
        ...(renamed ? { renamed_from: before.name } : {}),
      });
      return transformJson(row);
    }),
  );
}
