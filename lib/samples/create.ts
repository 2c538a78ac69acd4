import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { parseWith } from "../http/parse";
import { parseSampleContent } from "./parse";
import { sampleJson } from "./queries";
import { createSampleInput, type CreateSampleInput } from "./schemas";
import { storeSample } from "./store";

/** Stores pasted or uploaded records as a sample (operator). The content is validated, then PII-masked, then stored. */
export async function createSample(ctx: Ctx, input: CreateSampleInput) {
  requireRole(ctx, "samples.create");
  const data = parseWith(createSampleInput, input);
  const { payload } = parseSampleContent(data.signal, data.format, data.content);
  const source = data.source ?? (data.format === "otlp_json" ? "upload" : "paste");
  const row = await ctx.db.transaction(async (tx) => {
    const stored = await storeSample(tx, {
      orgId: ctx.orgId,
      name: data.name,
      signal: data.signal,
      source,
      payload,
      createdBy: ctx.userId,
    });
    await recordAudit(tx, ctx, {
      action: "sample.create",
      targetType: "sample",
      targetId: stored.id,
      details: {
        name: stored.name,
        signal: stored.signal,
        source,
        record_count: stored.recordCount,
        bytes: stored.bytes,
      },
    });
    return stored;
  });
  return sampleJson(row, true);
}
