import { and, count, desc, eq, not, asc } from "drizzle-orm";
import {
  deploymentGateways,
  deployments,
  gateways,
  templateVersions,
  templateVersionTransforms,
  transforms,
  transformVersions,
} from "../db/schema";
import type { Ctx } from "../auth/context";
import { takenOver } from "../deployments/release";
import { reachedAndEffective } from "../config-distribution/desired";
import { findTemplateOr404 } from "./shared";

/** How many deployments and gateways the template page lists; the counts are always whole. */
export const WHERE_USED_LIMIT = 20;

/**
 * Where a template is used: its deployments (newest first), the gateways whose desired config is one of them (the
 * newest effective deployment that reached them, by the overlap rule), and the transforms its latest version uses.
 */
export async function templateWhereUsed(ctx: Ctx, templateId: string) {
  const template = await findTemplateOr404(ctx.db, ctx.orgId, templateId);
  const ofTemplate = and(eq(deployments.orgId, ctx.orgId), eq(deployments.templateId, template.id));
  const running = and(ofTemplate, reachedAndEffective, not(takenOver()));
  const [deploymentRows, [{ n: deploymentTotal }], gatewayRows, [{ n: gatewayTotal }], transformRows] =
    await Promise.all([
      ctx.db
        .select({
          id: deployments.id,
          name: deployments.name,
          status: deployments.status,
          version: templateVersions.version,
          created_at: deployments.createdAt,
        })
        .from(deployments)
        .innerJoin(templateVersions, eq(templateVersions.id, deployments.templateVersionId))
        .where(ofTemplate)
        .orderBy(desc(deployments.createdAt), desc(deployments.id))
        .limit(WHERE_USED_LIMIT),
      ctx.db.select({ n: count() }).from(deployments).where(ofTemplate),
      ctx.db
        .select({
          id: gateways.id,
          name: gateways.name,
          version: templateVersions.version,
          deployment_id: deployments.id,
          status: deploymentGateways.status,
        })
        .from(deploymentGateways)
        .innerJoin(deployments, eq(deployments.id, deploymentGateways.deploymentId))
        .innerJoin(templateVersions, eq(templateVersions.id, deployments.templateVersionId))
        .innerJoin(gateways, eq(gateways.id, deploymentGateways.gatewayId))
        .where(running)
        .orderBy(asc(gateways.name), asc(gateways.id))
        .limit(WHERE_USED_LIMIT),
      ctx.db
        .select({ n: count() })
        .from(deploymentGateways)
        .innerJoin(deployments, eq(deployments.id, deploymentGateways.deploymentId))
        .where(running),
      ctx.db
        .select({ id: transforms.id, name: transforms.name, version: transformVersions.version })
        .from(templateVersionTransforms)
        .innerJoin(templateVersions, eq(templateVersions.id, templateVersionTransforms.templateVersionId))
        .innerJoin(transforms, eq(transforms.id, templateVersionTransforms.transformId))
        .innerJoin(transformVersions, eq(transformVersions.id, templateVersionTransforms.transformVersionId))
        .where(
          and(
            eq(templateVersions.templateId, template.id),
            eq(templateVersions.version, template.latestVersion),
            eq(templateVersionTransforms.orgId, ctx.orgId),
          ),
        )
        .orderBy(asc(transforms.name)),
    ]);
  return {
    deployments: { items: deploymentRows, total: Number(deploymentTotal) },
    gateways: { items: gatewayRows, total: Number(gatewayTotal) },
    transforms: transformRows,
  };
}

export type TemplateWhereUsed = Awaited<ReturnType<typeof templateWhereUsed>>;
