import { eq } from "drizzle-orm";
import { transformSamples } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { findSampleOr404 } from "./queries";

export async function deleteSample(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx, "samples.delete");
  await ctx.db.transaction(async (tx) => {
    const sample = await findSampleOr404(tx, ctx.orgId, id);
    await tx.delete(transformSamples).where(eq(transformSamples.id, sample.id));
    await recordAudit(tx, ctx, {
      action: "sample.delete",
      targetType: "sample",
      targetId: sample.id,
      details: { name: sample.name, signal: sample.signal },
    });
  });
}
