import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { auditDocument, createDocument } from "../templates/versioned";
import { createTransformInput, type CreateTransformInput } from "./schemas";
import { transformJson, transformKind, versionJson } from "./shared";
import { parseSteps, stepsHash } from "./spec";

/** Creates a transform and its version 1 (operator). The steps are checked for the signal before anything is written. */
export async function createTransform(ctx: Ctx, input: CreateTransformInput) {
  requireRole(ctx, "transforms.create");
  const data = parseWith(createTransformInput, input);
  const steps = parseSteps(data.signal, data.steps);
  const hash = stepsHash(steps);
  const document = { name: data.name, signal: data.signal, description: data.description || null };
  const first = { steps, stepsHash: hash, message: data.message, actor: ctx.actor };
  return createDocument(ctx, transformKind, { document, first }, async (tx, { document: transform, version }) => {
    const details = { name: transform.name, signal: transform.signal, version: 1, steps: steps.length };
    await auditDocument(tx, ctx, transformKind, "create", transform.id, { ...details, steps_hash: hash });
    return { ...transformJson(transform, []), version: versionJson(version, null) };
  });
}
