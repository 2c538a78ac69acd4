import { transformSamples } from "../db/schema";
import type { Ctx } from "../auth/context";
import { deleteOrgRowAudited } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { SAMPLE_NOT_FOUND } from "./queries";

export async function deleteSample(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx, "samples.delete");
  await ctx.db.transaction(async (tx) => {
    await deleteOrgRowAudited(
      tx,
      ctx,
      transformSamples,
      { id, notFound: SAMPLE_NOT_FOUND, noun: "sample" },
      (sample) => ({ name: sample.name, signal: sample.signal }),
    );
  });
}
