import { and, eq } from "drizzle-orm";
import { transforms, transformVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { bumpLatestVersion } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { InvalidInputError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { saveTransformVersionInput, type SaveTransformVersionInput } from "./schemas";
import { findTransformOr404, versionJson } from "./shared";
import { parseSteps, stepsHash } from "./spec";

/**
 * Saves a new immutable version (operator). Optimistic concurrency as for templates: `base_version` must still be
 * the latest, and the bump is one conditional UPDATE, so of two saves from the same base exactly one wins.
 * Templates are not touched: they pick the version up when they are saved next (or through a rollout).
 */
export async function saveTransformVersion(ctx: Ctx, transformId: string, input: SaveTransformVersionInput) {
  requireRole(ctx, "transforms.save_version");
  const data = parseWith(saveTransformVersionInput, input);
  const existing = await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const steps = parseSteps(existing.signal, data.steps);
  const hash = stepsHash(steps);
  return ctx.db.transaction(async (tx) => {
    const transform = await bumpLatestVersion(tx, transforms, {
      orgId: ctx.orgId,
      id: transformId,
      baseVersion: data.base_version,
      noun: "Transform",
    });
    const [previous] = await tx
      .select({ hash: transformVersions.stepsHash })
      .from(transformVersions)
      .where(and(eq(transformVersions.transformId, transformId), eq(transformVersions.version, data.base_version)));
    if (previous?.hash === hash) throw new InvalidInputError(`Nothing changed since version ${data.base_version}`);
    const [version] = await tx
      .insert(transformVersions)
      .values({
        transformId,
        orgId: ctx.orgId,
        version: transform.latestVersion,
        steps,
        stepsHash: hash,
        message: data.message || null,
        authorId: ctx.userId ?? null,
        actor: ctx.actor,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: "transform.version",
      targetType: "transform",
      targetId: transformId,
      details: {
        name: transform.name,
        version: version.version,
        steps: steps.length,
        steps_hash: hash,
        message: version.message,
      },
    });
    return versionJson(version, null);
  });
}
