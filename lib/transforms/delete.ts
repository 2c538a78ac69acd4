import { eq } from "drizzle-orm";
import { transforms } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { findTransformOr404, refuseWhileUsed, transformKind } from "./shared";
import { auditDocument } from "../templates/versioned";

/**
 * Deletes a transform and its versions (operator); 409 while the latest version of any template references it.
 * Older template versions keep their rendered config (the compiled processors are stored with them).
 */
export async function deleteTransform(ctx: Ctx, transformId: string) {
  requireRole(ctx, "transforms.delete");
  return ctx.db.transaction(async (tx) => {
    const transform = await findTransformOr404(tx, ctx.orgId, transformId, { forUpdate: true });
    await refuseWhileUsed(tx, ctx.orgId, transformId, "remove it from those templates first");
    await tx.delete(transforms).where(eq(transforms.id, transformId));
    await auditDocument(tx, ctx, transformKind, "delete", transformId, {
      name: transform.name,
      signal: transform.signal,
      versions: transform.latestVersion,
    });
    return { id: transformId };
  });
}
