import { desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { deploymentGateways, deployments, gateways, templates, templateVersions } from "../db/schema";
import { INEFFECTIVE_DEPLOYMENT_STATUSES, newestReachedDeployments } from "../config-distribution/desired";

/*
 * The Agents table's config columns. "Current config" follows resolveDesiredConfig's rule (the newest effective
 * deployment whose batch reached the gateway); "rollout state" is the gateway's row in the newest deployment that
 * includes it, whatever that deployment's state. Filters and sorts use them as correlated subqueries, which walk
 * deployment_gateways_gateway_idx for each candidate row; the page's values are read in two queries for the page.
 */

const INEFFECTIVE = sql.raw(INEFFECTIVE_DEPLOYMENT_STATUSES.map((s) => `'${s}'`).join(", "));

/** One value of the gateway's current deployment (aliases: dg, d, t for its template, tv for the version). */
function currentDeploymentValue(value: SQL): SQL {
  return sql`(select ${value} from deployment_gateways dg
    join deployments d on d.id = dg.deployment_id
    join templates t on t.id = d.template_id
    join template_versions tv on tv.id = d.template_version_id
    where dg.gateway_id = ${gateways.id} and dg.released_at is not null and d.status not in (${INEFFECTIVE})
    order by d.created_at desc, d.id desc limit 1)`;
}

export const currentTemplateIdSql = currentDeploymentValue(sql`d.template_id`);
/** Sorts by template name, then version as a number (zero-padded so "v10" follows "v9"). */
export const currentConfigSortSql = currentDeploymentValue(sql`t.name || '@' || lpad(tv.version::text, 10, '0')`);

export const rolloutStateSql = sql`(select dg.status from deployment_gateways dg
    join deployments d on d.id = dg.deployment_id
    where dg.gateway_id = ${gateways.id}
    order by d.created_at desc, d.id desc limit 1)`;

/** host.arch from the agent description (identifying attributes win, as for the other facts). */
export const archSql = sql<string | null>`coalesce(
    nullif(${gateways.agentDescription} -> 'identifying_attributes' ->> 'host.arch', ''),
    nullif(${gateways.agentDescription} -> 'non_identifying_attributes' ->> 'host.arch', ''))`;

export type CurrentConfig = {
  template_id: string;
  template_name: string;
  version: number;
  deployment_id: string;
  deployment_name: string;
};
export type RolloutState = {
  deployment_id: string;
  deployment_name: string;
  state: (typeof deploymentGateways.$inferSelect)["status"];
};

/** The current config and rollout state of one page of gateways: two queries whatever the page size. */
export async function configColumns(db: Queryable, ids: string[]) {
  const current = new Map<string, CurrentConfig>();
  const rollout = new Map<string, RolloutState>();
  if (ids.length === 0) return { current, rollout };
  const [currentRows, rolloutRows] = await Promise.all([
    newestReachedDeployments(
      db,
      {
        template_id: templates.id,
        template_name: templates.name,
        version: templateVersions.version,
        deployment_id: deployments.id,
        deployment_name: deployments.name,
      },
      inArray(deploymentGateways.gatewayId, ids),
    ),
    db
      .selectDistinctOn([deploymentGateways.gatewayId], {
        gatewayId: deploymentGateways.gatewayId,
        deployment_id: deployments.id,
        deployment_name: deployments.name,
        state: deploymentGateways.status,
      })
      .from(deploymentGateways)
      .innerJoin(deployments, eq(deployments.id, deploymentGateways.deploymentId))
      .where(inArray(deploymentGateways.gatewayId, ids))
      .orderBy(deploymentGateways.gatewayId, desc(deployments.createdAt), desc(deployments.id)),
  ]);
  for (const { gatewayId, ...r } of currentRows) current.set(gatewayId, r);
  for (const { gatewayId, ...r } of rolloutRows) rollout.set(gatewayId, r);
  return { current, rollout };
}
