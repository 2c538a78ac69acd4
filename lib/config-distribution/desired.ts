import { and, desc, eq, ne, notInArray } from "drizzle-orm";
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

/**
 * The one config a gateway should run: the newest deployment that has reached it (rolled out to its batch and not
 * cancelled), else the org's base template, else none. A newer deployment always wins over an older one.
 */
export async function resolveDesiredConfig(db: Queryable, gateway: GatewayVariables): Promise<DesiredConfig | null> {
  const [fromDeployment] = await db
    .select({ deploymentId: deployments.id, versionId: templateVersions.id, version: templateVersions.version, content: templateVersions.content })
    .from(deploymentGateways)
    .innerJoin(deployments, eq(deployments.id, deploymentGateways.deploymentId))
    .innerJoin(templateVersions, eq(templateVersions.id, deployments.templateVersionId))
    .where(and(
      eq(deploymentGateways.gatewayId, gateway.id),
      ne(deploymentGateways.status, "pending"),
      notInArray(deployments.status, ["cancelled", "pending"]),
    ))
    .orderBy(desc(deployments.createdAt))
    .limit(1);
  if (fromDeployment) {
    return build(renderTemplate(fromDeployment.content, gateway), {
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
  return build(renderTemplate(base.content, gateway), { kind: "base", templateId: base.templateId, templateVersionId: base.versionId, version: base.version });
}

function build(yaml: string, source: DesiredConfig["source"]): DesiredConfig {
  const files = collectorConfigMap(yaml);
  return { files, hash: hashConfigMap(files), yaml, source };
}
