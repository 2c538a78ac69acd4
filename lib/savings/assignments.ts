import { and, eq, sql } from "drizzle-orm";
import {
  deploymentGateways,
  deployments,
  templates,
  templateVersions,
  templateVersionTransforms,
  transforms,
} from "../db/schema";
import type { Queryable } from "../db/client";
import { uuidList } from "../db/lists";
import { latestBaseVersion, newestReachedDeployments } from "../config-distribution/desired";

export type TemplateRef = { id: string; name: string; versionId: string };

/**
 * The template each gateway is assigned now, by the rule resolveDesiredConfig uses (newest deployment that reached
 * it, else the org's base template); gateways with neither are left out.
 */
export async function assignedTemplates(
  db: Queryable,
  orgId: string,
  gatewayIds: string[],
): Promise<Map<string, TemplateRef>> {
  const out = new Map<string, TemplateRef>();
  if (!gatewayIds.length) return out;
  const rows = await newestReachedDeployments(
    db,
    { id: templates.id, name: templates.name, versionId: deployments.templateVersionId },
    and(eq(deploymentGateways.orgId, orgId), sql`${deploymentGateways.gatewayId} in ${uuidList(gatewayIds)}`),
  );
  for (const r of rows) out.set(r.gatewayId, { id: r.id, name: r.name, versionId: r.versionId });
  const base = await latestBaseVersion(db, orgId, {
    id: templates.id,
    name: templates.name,
    versionId: templateVersions.id,
  });
  if (base) for (const id of gatewayIds) if (!out.has(id)) out.set(id, base);
  return out;
}

/** The transforms each of these template versions was rendered with, by template version id. */
export async function transformsOf(
  db: Queryable,
  orgId: string,
  versionIds: string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!versionIds.length) return out;
  const rows = await db
    .select({ versionId: templateVersionTransforms.templateVersionId, id: transforms.id, name: transforms.name })
    .from(templateVersionTransforms)
    .innerJoin(transforms, eq(transforms.id, templateVersionTransforms.transformId))
    .where(
      and(
        eq(templateVersionTransforms.orgId, orgId),
        sql`${templateVersionTransforms.templateVersionId} in ${uuidList([...new Set(versionIds)])}`,
      ),
    );
  for (const r of rows) out.set(r.versionId, [...(out.get(r.versionId) ?? []), { id: r.id, name: r.name }]);
  return out;
}
