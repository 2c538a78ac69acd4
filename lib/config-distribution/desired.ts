import { and, desc, eq, isNotNull, notInArray } from "drizzle-orm";
import { deploymentGateways, deployments, templates, templateVersions } from "../db/schema";
import type { Queryable } from "../db/client";
import { collectorConfigMap, hashConfigMap, type ConfigFile } from "./config-map";
import { renderTemplate, type GatewayVariables } from "./render";

export type DesiredConfig = {
  files: ConfigFile[];
  /** Hex SHA-256 of the config map (hashConfigMap). */
  hash: string;
  yaml: string;
  source:
    | { kind: "deployment"; deploymentId: string; templateVersionId: string; version: number }
    | { kind: "base"; templateId: string; templateVersionId: string; version: number };
};

/** Deployments in these states no longer give any gateway its config. */
export const INEFFECTIVE_DEPLOYMENT_STATUSES = ["cancelled", "pending"] as const;

/**
 * The one config a gateway should run: the newest deployment (by creation) that has reached it, i.e. whose batch
 * holding the gateway has been released, and that is not cancelled; else the org's base template; else none.
 * A newer deployment always wins over an older one; cancelling it hands the gateway back to the next newest.
 */
export async function resolveDesiredConfig(db: Queryable, gateway: GatewayVariables): Promise<DesiredConfig | null> {
  const [fromDeployment] = await db
    .select({ deploymentId: deployments.id, versionId: templateVersions.id, version: templateVersions.version, content: templateVersions.content })
    .from(deploymentGateways)
    .innerJoin(deployments, eq(deployments.id, deploymentGateways.deploymentId))
    .innerJoin(templateVersions, eq(templateVersions.id, deployments.templateVersionId))
    .where(and(
      eq(deploymentGateways.gatewayId, gateway.id),
      isNotNull(deploymentGateways.releasedAt),
      notInArray(deployments.status, [...INEFFECTIVE_DEPLOYMENT_STATUSES]),
    ))
    .orderBy(desc(deployments.createdAt), desc(deployments.id))
    .limit(1);
  if (fromDeployment) {
    return build(fromDeployment.content, gateway, {
      kind: "deployment", deploymentId: fromDeployment.deploymentId, templateVersionId: fromDeployment.versionId, version: fromDeployment.version,
    });
  }
  const [base] = await db
    .select({ templateId: templates.id, versionId: templateVersions.id, version: templateVersions.version, content: templateVersions.content })
    .from(templates)
    .innerJoin(templateVersions, and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.latestVersion)))
    .where(and(eq(templates.orgId, gateway.orgId), eq(templates.isBase, true)))
    .limit(1);
  if (!base) return null;
  return build(base.content, gateway, { kind: "base", templateId: base.templateId, templateVersionId: base.versionId, version: base.version });
}

/** The exact config map (and its hash) a template's content renders to for one gateway. */
export function renderConfig(content: string, gateway: GatewayVariables): { files: ConfigFile[]; hash: string; yaml: string } {
  const yaml = renderTemplate(content, gateway);
  const files = collectorConfigMap(yaml);
  return { files, hash: hashConfigMap(files), yaml };
}

function build(content: string, gateway: GatewayVariables, source: DesiredConfig["source"]): DesiredConfig {
  return { ...renderConfig(content, gateway), source };
}
