import { and, desc, eq, isNotNull, notInArray, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { deploymentGateways, deployments, templates, templateVersions } from "../db/schema";
import { NOT_EFFECTIVE } from "../deployments/transitions";
import type { Queryable } from "../db/client";
import { uuidList } from "../db/lists";
import { applyCaptureOverlays } from "../capture/overlay";
import { collectorConfigMap, hashConfigMap, type ConfigFile } from "./config-map";
import { renderTemplate, usesGatewayVariables, type GatewayVariables } from "./render";
import { servedContent } from "./served-content";

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
export const INEFFECTIVE_DEPLOYMENT_STATUSES = NOT_EFFECTIVE;

/** A deployment_gateways row (joined to its deployment) that gives its gateway a config: released, and effective. */
export const reachedAndEffective = and(
  isNotNull(deploymentGateways.releasedAt),
  notInArray(deployments.status, [...INEFFECTIVE_DEPLOYMENT_STATUSES]),
);

/**
 * The rule below as a query: per gateway matching `where`, the newest deployment whose batch holding it was released
 * and that is not ineffective. `fields` may read deployments, templates and template_versions (its version).
 */
export function newestReachedDeployments<F extends SelectedFields>(db: Queryable, fields: F, where: SQL | undefined) {
  return db
    .selectDistinctOn([deploymentGateways.gatewayId], { gatewayId: deploymentGateways.gatewayId, ...fields })
    .from(deploymentGateways)
    .innerJoin(deployments, eq(deployments.id, deploymentGateways.deploymentId))
    .innerJoin(templates, eq(templates.id, deployments.templateId))
    .innerJoin(templateVersions, eq(templateVersions.id, deployments.templateVersionId))
    .where(and(where, reachedAndEffective))
    .orderBy(deploymentGateways.gatewayId, desc(deployments.createdAt), desc(deployments.id));
}

/**
 * The one config a gateway should run: the newest deployment (by creation) that has reached it, i.e. whose batch
 * holding the gateway has been released, and that is not cancelled; else the org's base template; else none.
 * A newer deployment always wins over an older one; cancelling it hands the gateway back to the next newest.
 */
export async function resolveDesiredConfig(db: Queryable, gateway: GatewayVariables): Promise<DesiredConfig | null> {
  return (await resolveDesiredConfigs(db, [gateway])).get(gateway.id) ?? null;
}

/** The org's base template at its latest version, if it has one; `fields` may read templates and template_versions. */
export async function latestBaseVersion<F extends SelectedFields>(
  db: Queryable,
  orgId: string,
  fields: F,
): Promise<SelectResultFields<F> | undefined> {
  // Inner-joined, so no field is made nullable: the plain result of `fields`.
  const [base] = await db
    .select(fields as SelectedFields)
    .from(templates)
    .innerJoin(
      templateVersions,
      and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.latestVersion)),
    )
    .where(and(eq(templates.orgId, orgId), eq(templates.isBase, true)))
    .limit(1);
  return base as SelectResultFields<F> | undefined;
}

const RESOLVE_CHUNK = 5000;

/**
 * resolveDesiredConfig for many gateways at once (same rule, same result): one query for the deployments that
 * reached them, one per organization for the base template, and a template without per-gateway variables is
 * rendered and hashed once.
 */
export async function resolveDesiredConfigs(
  db: Queryable,
  list: GatewayVariables[],
): Promise<Map<string, DesiredConfig | null>> {
  const out = new Map<string, DesiredConfig | null>();
  const gatewaysById = new Map(list.map((g) => [g.id, g]));
  const ids = [...gatewaysById.keys()];
  const render = renderer();
  for (let i = 0; i < ids.length; i += RESOLVE_CHUNK) {
    const rows = await newestReachedDeployments(
      db,
      {
        deploymentId: deployments.id,
        versionId: templateVersions.id,
        version: templateVersions.version,
        content: servedContent,
      },
      sql`${deploymentGateways.gatewayId} in ${uuidList(ids.slice(i, i + RESOLVE_CHUNK))}`,
    );
    for (const r of rows) {
      const source = {
        kind: "deployment",
        deploymentId: r.deploymentId,
        templateVersionId: r.versionId,
        version: r.version,
      } as const;
      out.set(r.gatewayId, render(r.content, r.versionId, gatewaysById.get(r.gatewayId)!, source));
    }
  }
  const orgs = new Set(list.filter((g) => !out.has(g.id)).map((g) => g.orgId));
  for (const orgId of orgs) {
    const base = await latestBaseVersion(db, orgId, {
      templateId: templates.id,
      versionId: templateVersions.id,
      version: templateVersions.version,
      content: servedContent,
    });
    for (const g of gatewaysById.values()) {
      if (g.orgId !== orgId || out.has(g.id)) continue;
      out.set(
        g.id,
        base
          ? render(base.content, base.versionId, g, {
              kind: "base",
              templateId: base.templateId,
              templateVersionId: base.versionId,
              version: base.version,
            })
          : null,
      );
    }
  }
  await applyCaptureOverlays(db, out); // a live capture's extra pipeline, for the few gateways that have one
  return out;
}

/**
 * Renders configs, once per template version when the template has no per-gateway variables (the result is then
 * the same for every gateway, so the rendered object is shared; DesiredConfig values are never mutated).
 */
function renderer() {
  const shared = new Map<string, DesiredConfig>();
  return (
    content: string,
    versionId: string,
    gateway: GatewayVariables,
    source: DesiredConfig["source"],
  ): DesiredConfig => {
    if (usesGatewayVariables(content)) return build(content, gateway, source);
    const key = `${source.kind}:${"deploymentId" in source ? source.deploymentId : source.templateId}:${versionId}`;
    let hit = shared.get(key);
    if (!hit) shared.set(key, (hit = build(content, gateway, source)));
    return hit;
  };
}

/** The exact config map (and its hash) a template's content renders to for one gateway. */
export function renderConfig(
  content: string,
  gateway: GatewayVariables,
): { files: ConfigFile[]; hash: string; yaml: string } {
  const yaml = renderTemplate(content, gateway);
  const files = collectorConfigMap(yaml);
  return { files, hash: hashConfigMap(files), yaml };
}

function build(content: string, gateway: GatewayVariables, source: DesiredConfig["source"]): DesiredConfig {
  return { ...renderConfig(content, gateway), source };
}
