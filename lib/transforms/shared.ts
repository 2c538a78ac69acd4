import { and, eq, inArray } from "drizzle-orm";
import { templates, templateVersions, templateVersionTransforms, transforms, transformVersions } from "../db/schema";
import type { Queryable } from "../db/client";
import { findOrgRowOr404 } from "../db/org-rows";
import { ConflictError } from "../errors";
import { documentKind } from "../templates/versioned";

export const TRANSFORM_NOT_FOUND = "Transform not found";

export type TransformRow = typeof transforms.$inferSelect;
type VersionRow = typeof transformVersions.$inferSelect;

export const transformKind = documentKind("transform", transforms, transformVersions, "transformId");

/** The org's transform with this id, else 404 (a malformed id and another org's transform look the same). */
export function findTransformOr404(db: Queryable, orgId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  return findOrgRowOr404(db, transforms, { orgId, id, notFound: TRANSFORM_NOT_FOUND, ...opts });
}

/** A template whose latest version references the transform, and the transform version it was pinned to. */
export type UsedBy = {
  template_id: string;
  template_name: string;
  template_version: number;
  transform_version: number;
  pinned: boolean;
};

/** Where each transform is used: by the latest version of which templates (older template versions do not count). */
export async function whereUsed(db: Queryable, orgId: string, transformIds: string[]): Promise<Map<string, UsedBy[]>> {
  const out = new Map<string, UsedBy[]>(transformIds.map((id) => [id, []]));
  if (transformIds.length === 0) return out;
  const rows = await db
    .select({
      transformId: templateVersionTransforms.transformId,
      templateId: templates.id,
      templateName: templates.name,
      templateVersion: templateVersions.version,
      transformVersion: transformVersions.version,
      pinned: templateVersionTransforms.pinned,
    })
    .from(templateVersionTransforms)
    .innerJoin(templateVersions, eq(templateVersions.id, templateVersionTransforms.templateVersionId))
    .innerJoin(
      templates,
      and(eq(templates.id, templateVersions.templateId), eq(templates.latestVersion, templateVersions.version)),
    )
    .innerJoin(transformVersions, eq(transformVersions.id, templateVersionTransforms.transformVersionId))
    .where(
      and(eq(templateVersionTransforms.orgId, orgId), inArray(templateVersionTransforms.transformId, transformIds)),
    )
    .orderBy(templates.name, transformVersions.version);
  for (const r of rows) {
    out.get(r.transformId)!.push({
      template_id: r.templateId,
      template_name: r.templateName,
      template_version: r.templateVersion,
      transform_version: r.transformVersion,
      pinned: r.pinned,
    });
  }
  return out;
}

/** 409 when templates still reference the transform by name (delete, rename). */
export async function refuseWhileUsed(db: Queryable, orgId: string, transformId: string, what: string): Promise<void> {
  const used = (await whereUsed(db, orgId, [transformId])).get(transformId) ?? [];
  if (used.length === 0) return;
  const names = [...new Set(used.map((u) => `"${u.template_name}"`))];
  throw new ConflictError(`Transform is used by template ${names.join(", ")}; ${what}`, { used_by: used });
}

export function transformJson(t: TransformRow, usedBy?: UsedBy[]) {
  return {
    id: t.id,
    name: t.name,
    signal: t.signal,
    description: t.description,
    latest_version: t.latestVersion,
    created_by: t.createdBy,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    ...(usedBy ? { used_by: usedBy } : {}),
  };
}
export type TransformJson = ReturnType<typeof transformJson>;

export function versionJson(v: Omit<VersionRow, "steps" | "orgId"> & { steps?: unknown[] }, author: string | null) {
  return {
    id: v.id,
    transform_id: v.transformId,
    version: v.version,
    message: v.message,
    steps_hash: v.stepsHash,
    author_id: v.authorId,
    actor: v.actor,
    author: author ?? v.actor,
    created_at: v.createdAt,
    ...(v.steps !== undefined ? { steps: v.steps } : {}),
  };
}
export type TransformVersionJson = ReturnType<typeof versionJson>;
