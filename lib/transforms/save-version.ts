import { transformVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { auditDocument, saveNextVersion } from "../templates/versioned";
import { saveTransformVersionInput, type SaveTransformVersionInput } from "./schemas";
import { findTransformOr404, transformKind, versionJson } from "./shared";
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
    const { document: transform, version } = await saveNextVersion(tx, ctx, transformKind, {
      id: transformId,
      baseVersion: data.base_version,
      compare: { hash: transformVersions.stepsHash },
      unchanged: (base) => base.hash === hash,
      fields: { steps, stepsHash: hash, message: data.message || null, actor: ctx.actor },
    });
    await auditDocument(tx, ctx, transformKind, "version", transformId, {
      name: transform.name,
      version: version.version,
      steps: steps.length,
      steps_hash: hash,
      message: version.message,
    });
    return versionJson(version, null);
  });
}
