"use server";
import { z } from "zod";
import { ConflictError } from "@/lib/errors";
import { action } from "@/lib/ui/action";
import { createTransform } from "@/lib/transforms/create";
import { deleteTransform } from "@/lib/transforms/delete";
import { rolloutTransform } from "@/lib/transforms/rollout";
import { saveTransformVersion } from "@/lib/transforms/save-version";
import { createTransformInput, rolloutTransformInput, saveTransformVersionInput } from "@/lib/transforms/schemas";

const id = z.uuid("Transform not found");

export const createTransformAction = action(
  createTransformInput,
  async (ctx, input) => ({ id: (await createTransform(ctx, input)).id }),
  { revalidate: ["/transforms"] },
);

/** A stale base version is an answer the editor acts on (offer to reload), so it comes back as data, not an error. */
export type SaveOutcome = { version: number } | { conflict: string; latest_version: number };

export const saveTransformVersionAction = action(
  saveTransformVersionInput.extend({ id }),
  async (ctx, { id: transformId, ...input }): Promise<SaveOutcome> => {
    try {
      return { version: (await saveTransformVersion(ctx, transformId, input)).version };
    } catch (err) {
      if (err instanceof ConflictError && typeof err.extra?.latest_version === "number") {
        return { conflict: err.message, latest_version: err.extra.latest_version };
      }
      throw err;
    }
  },
  { revalidate: ["/transforms"] },
);

export const deleteTransformAction = action(z.object({ id }), async (ctx, input) => deleteTransform(ctx, input.id), {
  revalidate: ["/transforms", "/templates"],
});

export const rolloutTransformAction = action(
  rolloutTransformInput.safeExtend({ id }),
  async (ctx, { id: transformId, ...input }) => rolloutTransform(ctx, transformId, input),
  { revalidate: ["/transforms", "/templates", "/deployments"] },
);
