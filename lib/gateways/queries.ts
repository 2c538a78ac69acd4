import {
  and,
  asc,
  desc,
  eq,
  exists,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { escapeLike } from "../db/like";
import { agentTags, gateways } from "../db/schema";
import type { Ctx } from "../auth/context";
import { pageOfRows } from "../db/page";
import { parseWith } from "../http/parse";
import { HEALTHY_MAX_SECONDS, seenWithinCutoff, WARNING_MAX_SECONDS, type HealthStatus } from "./health";
import { findGatewayOr404 } from "./lookup";
import { lastApplyFailure } from "./history";
import { listGatewaysQuery, type ListGatewaysQuery } from "./schemas";
import { archSql, configColumns, currentConfigSortSql, currentTemplateIdSql, rolloutStateSql } from "./list-columns";
import { configSection, connectionSection, healthSection, metricsSection, versionSection } from "./sections";

/** computeHealth's rules as a WHERE condition, so filtering by health uses the indexes and never loads every row. */
export function healthSqlCondition(health: HealthStatus, now: Date): SQL {
  const notOffline = ne(gateways.status, "inactive");
  const healthyCutoff = seenWithinCutoff(now, HEALTHY_MAX_SECONDS);
  const warningCutoff = seenWithinCutoff(now, WARNING_MAX_SECONDS);
  switch (health) {
    case "offline":
      return eq(gateways.status, "inactive");
    case "unknown":
      return and(notOffline, isNull(gateways.lastSeen))!;
    case "healthy":
      return and(eq(gateways.status, "active"), gt(gateways.lastSeen, healthyCutoff))!;
    case "warning":
      return and(
        notInArray(gateways.status, ["inactive", "error"]),
        gt(gateways.lastSeen, warningCutoff),
        or(ne(gateways.status, "active"), lte(gateways.lastSeen, healthyCutoff)),
      )!;
    case "unhealthy":
      return and(
        notOffline,
        isNotNull(gateways.lastSeen),
        or(eq(gateways.status, "error"), lte(gateways.lastSeen, warningCutoff)),
      )!;
  }
}

const likePattern = (q: string) => `%${escapeLike(q)}%`;

const SORT_COLUMNS = {
  name: gateways.name,
  instance_id: gateways.instanceId,
  status: gateways.status,
  last_seen: gateways.lastSeen,
  created_at: gateways.createdAt,
  transport: gateways.transport,
  ip_address: gateways.ipAddress,
  agent_version: gateways.agentVersion,
  // Uptime sorts by when the current run began: the oldest start is the longest uptime.
  active_since: gateways.activeSince,
  current_config: currentConfigSortSql,
  rollout_state: rolloutStateSql,
  os: gateways.os,
  arch: archSql,
} as const;

export type GatewayFilters = Pick<
  ReturnType<typeof listGatewaysQuery.parse>,
  "status" | "health" | "drift" | "tag" | "q" | "template_id" | "rollout_state" | "os" | "arch"
>;

/** The list filters as one WHERE condition, scoped to the org: the list and the bulk actions select alike. */
export function gatewayFilterCondition(ctx: Ctx, opts: GatewayFilters, now = new Date()): SQL {
  const conditions: (SQL | undefined)[] = [eq(gateways.orgId, ctx.orgId)];
  if (opts.status) conditions.push(eq(gateways.status, opts.status));
  if (opts.health) conditions.push(healthSqlCondition(opts.health, now));
  if (opts.drift !== undefined) conditions.push(eq(gateways.configDrift, opts.drift));
  for (const t of opts.tag ?? []) {
    conditions.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(agentTags)
          .where(
            and(
              eq(agentTags.gatewayId, gateways.id),
              eq(agentTags.key, t.key),
              t.value === undefined ? undefined : eq(agentTags.value, t.value),
            ),
          ),
      ),
    );
  }
  if (opts.q) {
    const p = likePattern(opts.q);
    conditions.push(or(ilike(gateways.name, p), ilike(gateways.instanceId, p), ilike(gateways.hostname, p)));
  }
  if (opts.template_id) conditions.push(sql`${currentTemplateIdSql} = ${opts.template_id}`);
  if (opts.rollout_state === "none") conditions.push(sql`${rolloutStateSql} is null`);
  else if (opts.rollout_state) conditions.push(sql`${rolloutStateSql} = ${opts.rollout_state}`);
  // The os column holds os.description ("Ubuntu 22.04.4 LTS") or os.type ("linux"): a word of it matches.
  if (opts.os) conditions.push(ilike(gateways.os, likePattern(opts.os)));
  if (opts.arch) conditions.push(sql`lower(${archSql}) = lower(${opts.arch})`);
  return and(...conditions)!;
}

/** One page of the org's gateways with the total count, filtered, searched and sorted in SQL. */
export async function listGateways(ctx: Ctx, query: ListGatewaysQuery = {}) {
  const opts = parseWith(listGatewaysQuery, query);
  const now = new Date();
  const where = gatewayFilterCondition(ctx, opts, now);
  const column = SORT_COLUMNS[opts.sort];
  const direction = opts.order === "desc" ? sql`desc` : sql`asc`;
  const { items: rows, total } = await pageOfRows(ctx.db, gateways, {
    where,
    orderBy: [sql`${column} ${direction} nulls last`, opts.order === "desc" ? desc(gateways.id) : asc(gateways.id)],
    page: opts.page,
    limit: opts.limit,
  });
  const ids = rows.map((r) => r.id);
  const [tags, config] = await Promise.all([tagsByGateway(ctx, ids), configColumns(ctx.db, ids)]);
  const items = rows.map((g) => ({
    id: g.id,
    name: g.name,
    instance_id: g.instanceId,
    hostname: g.hostname,
    ...connectionSection(g, now),
    drift: g.configDrift,
    agent_version: versionSection(g).agent_version,
    otel_version: versionSection(g).otel_version,
    ip_address: g.ipAddress,
    active_since: g.activeSince,
    os: g.os,
    arch: hostArch(g.agentDescription),
    current_config: config.current.get(g.id) ?? null,
    rollout: config.rollout.get(g.id) ?? null,
    tags: tags.get(g.id) ?? [],
    last_seen: g.lastSeen,
    created_at: g.createdAt,
  }));
  return { items, total, page: opts.page, limit: opts.limit };
}

/** archSql's rule in JavaScript, for the rows already read. */
function hostArch(description: Record<string, unknown> | null): string | null {
  for (const key of ["identifying_attributes", "non_identifying_attributes"]) {
    const v = (description?.[key] as Record<string, unknown> | undefined)?.["host.arch"];
    if (typeof v === "string" && v !== "") return v;
  }
  return null;
}

async function tagsByGateway(ctx: Ctx, ids: string[]) {
  const out = new Map<string, { key: string; value: string }[]>();
  if (ids.length === 0) return out;
  const rows = await ctx.db
    .select({ gatewayId: agentTags.gatewayId, key: agentTags.key, value: agentTags.value })
    .from(agentTags)
    .where(and(eq(agentTags.orgId, ctx.orgId), inArray(agentTags.gatewayId, ids)))
    .orderBy(asc(agentTags.key));
  for (const r of rows) {
    const list = out.get(r.gatewayId) ?? [];
    list.push({ key: r.key, value: r.value });
    out.set(r.gatewayId, list);
  }
  return out;
}

/** Everything the agent detail page shows except the config (see getGatewayStatus / getGatewayConfig). */
export async function getGatewayDetail(ctx: Ctx, id: string) {
  const g = await findGatewayOr404(ctx.db, ctx.orgId, id);
  const [tags, applyFailure] = await Promise.all([
    tagsByGateway(ctx, [g.id]),
    lastApplyFailure(ctx.db, ctx.orgId, g.id),
  ]);
  return {
    id: g.id,
    org_id: g.orgId,
    name: g.name,
    instance_id: g.instanceId,
    hostname: g.hostname,
    ip_address: g.ipAddress,
    status: g.status,
    connection_state: g.connectionState,
    transport: g.transport,
    health: healthSection(g),
    version: versionSection(g),
    metrics: metricsSection(g),
    tags: tags.get(g.id) ?? [],
    current_config_version: g.currentConfigVersion,
    effective_config_hash: g.effectiveConfigHash,
    remote_config_status: g.remoteConfigStatus,
    component_health: g.componentHealth,
    drift: g.configDrift,
    last_apply_error: applyFailure,
    capabilities_bits: g.capabilities,
    metadata: g.extraMetadata,
    opamp_token_expires_at: g.opampTokenExpiresAt,
    last_seen: g.lastSeen,
    active_since: g.activeSince,
    created_at: g.createdAt,
    updated_at: g.updatedAt,
  };
}

export async function getGatewayHealth(ctx: Ctx, id: string) {
  return healthSection(await findGatewayOr404(ctx.db, ctx.orgId, id));
}

export async function getGatewayVersion(ctx: Ctx, id: string) {
  return versionSection(await findGatewayOr404(ctx.db, ctx.orgId, id));
}

export async function getGatewayMetrics(ctx: Ctx, id: string) {
  return metricsSection(await findGatewayOr404(ctx.db, ctx.orgId, id));
}

/** The desired and effective config; `config_yaml` is null when there is neither. */
export async function getGatewayConfig(ctx: Ctx, id: string) {
  return configSection(ctx.db, await findGatewayOr404(ctx.db, ctx.orgId, id));
}

/** A gateway's combined status: health, version, config and metrics in one answer, for one dashboard request. */
export async function getGatewayStatus(ctx: Ctx, id: string) {
  const g = await findGatewayOr404(ctx.db, ctx.orgId, id);
  return {
    gateway_id: g.id,
    instance_id: g.instanceId,
    name: g.name,
    health: healthSection(g),
    version: versionSection(g),
    config: await configSection(ctx.db, g),
    metrics: metricsSection(g),
  };
}
