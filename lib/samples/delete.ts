import { transformSamples } from "../db/schema";
import type { Ctx } from "../auth/context";
import { deleteOrgRowOr404 } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { SAMPLE_NOT_FOUND } from "./queries";

export async function deleteSample(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx, "samples.delete");
  await ctx.db.transaction(async (tx) => {
    const sample = await deleteOrgRowOr404(tx, transformSamples, { orgId: ctx.orgId, id, notFound: SAMPLE_NOT_FOUND });
    await recordAudit(tx, ctx, {
      action: "sample.delete",
      targetType: "sample",
      targetId: sample.id,
      details: { name: sample.name, signal: sample.signal },
    });
  });
}
