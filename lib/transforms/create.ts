import { transforms, transformVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { conflictOnDuplicate } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { createTransformInput, type CreateTransformInput } from "./schemas";
import { transformJson, versionJson } from "./shared";
import { parseSteps, stepsHash } from "./spec";

/** Creates a transform and its version 1 (operator). The steps are checked for the signal before anything is written. */
export async function createTransform(ctx: Ctx, input: CreateTransformInput) {
  requireRole(ctx, "transforms.create");
  const data = parseWith(createTransformInput, input);
  const steps = parseSteps(data.signal, data.steps);
  const hash = stepsHash(steps);
  return conflictOnDuplicate(`A transform named "${data.name}" already exists`, () =>
    ctx.db.transaction(async (tx) => {
      const [transform] = await tx
        .insert(transforms)
        .values({
          orgId: ctx.orgId,
          name: data.name,
          signal: data.signal,
          description: data.description || null,
          latestVersion: 1,
          createdBy: ctx.userId ?? null,
        })
        .returning();
      const [version] = await tx
        .insert(transformVersions)
        .values({
          transformId: transform.id,
          orgId: ctx.orgId,
          version: 1,
          steps,
          stepsHash: hash,
          message: data.message || "Initial version",
          authorId: ctx.userId ?? null,
          actor: ctx.actor,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: "transform.create",
        targetType: "transform",
        targetId: transform.id,
        details: { name: transform.name, signal: transform.signal, version: 1, steps: steps.length, steps_hash: hash },
      });
      return { ...transformJson(transform, []), version: versionJson(version, null) };
    }),
  );
}
