import { desc, eq } from "drizzle-orm";
import type { Ctx } from "../auth/context";
import { recordAudit } from "../audit/record";
import { requireRole } from "../auth/roles";
import { metricReferenceSources } from "../db/schema";
import { deleteOrgRowOr404 } from "../db/org-rows";
import { parseWith } from "../http/parse";
import { extractReferences } from "./references";
import { importReferencesInput, type ImportReferencesInput } from "./schemas";

type SourceRow = typeof metricReferenceSources.$inferSelect;
export const SOURCE_NOT_FOUND = "Metric reference source not found";

export function sourceJson(r: SourceRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    names: r.names,
    patterns: r.patterns,
    recorded: r.recorded,
    expressions: r.expressions,
    warnings: r.warnings,
    created_by: r.createdBy,
    created_at: r.createdAt,
  };
}

/** The org's imported dashboards, rule files and lists, newest first. */
export async function listReferenceSources(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(metricReferenceSources)
    .where(eq(metricReferenceSources.orgId, ctx.orgId))
    .orderBy(desc(metricReferenceSources.createdAt), desc(metricReferenceSources.id));
  return { items: rows.map(sourceJson) };
}

/** Reads the metric names a file refers to and keeps them (not the file) for the org (operator). */
export async function importReferenceSource(ctx: Ctx, input: ImportReferencesInput) {
  requireRole(ctx, "metric_references.import");
  const data = parseWith(importReferencesInput, input);
  const refs = extractReferences(data.kind, data.content);
  const row = await ctx.db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(metricReferenceSources)
      .values({ orgId: ctx.orgId, name: data.name, kind: data.kind, ...refs, createdBy: ctx.userId })
      .returning();
    await recordAudit(tx, ctx, {
      action: "metric_references.import",
      targetType: "metric_reference_source",
      targetId: stored.id,
      details: { name: stored.name, kind: stored.kind, names: refs.names.length, patterns: refs.patterns.length },
    });
    return stored;
  });
  return sourceJson(row);
}

export async function deleteReferenceSource(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx, "metric_references.delete");
  await ctx.db.transaction(async (tx) => {
    const row = await deleteOrgRowOr404(tx, metricReferenceSources, {
      orgId: ctx.orgId,
      id,
      notFound: SOURCE_NOT_FOUND,
    });
    await recordAudit(tx, ctx, {
      action: "metric_references.delete",
      targetType: "metric_reference_source",
      targetId: row.id,
      details: { name: row.name, kind: row.kind },
    });
  });
}
