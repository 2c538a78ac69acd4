import { and, asc, eq, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { gateways } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import { pageOfRows } from "../db/page";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { AgentCapability, decodeAgentCapabilities, hasCapability } from "../opamp/capabilities";
import { GATEWAY_NOT_FOUND } from "./lookup";
import { connectionSection, metricsSection } from "./sections";
import { pageQuery } from "../http/pagination";

type GatewayRow = typeof gateways.$inferSelect;

export const listSupervisorAgentsQuery = pageQuery({ maxLimit: 1000, defaultLimit: 100 }).extend({
  connection_state: z.enum(["connected", "disconnected"]).optional(),
});
export type ListSupervisorAgentsQuery = z.input<typeof listSupervisorAgentsQuery>;

/** 16 bytes from a canonical UUID or 32 hex digits, else null. */
function uidBytes(text: string): Buffer | null {
  const hex = text.replace(/-/g, "");
  return /^[0-9a-f]{32}$/i.test(hex) && (text.length === 32 || text.length === 36) ? Buffer.from(hex, "hex") : null;
}

function uidText(uid: Uint8Array | null): string | null {
  if (!uid) return null;
  const h = Buffer.from(uid).toString("hex");
  return uid.length === 16
    ? `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    : h;
}

/**
 * The org's agent named by `instanceId`: the gateway's registered instance_id, or the OpAMP instance_uid its agent
 * reported (UUID text). Another org's agent is 404 "Gateway not found", like a missing one.
 */
export async function findAgentOr404(db: Queryable, orgId: string, instanceId: string): Promise<GatewayRow> {
  const uid = uidBytes(instanceId);
  const match: SQL = uid
    ? or(eq(gateways.instanceId, instanceId), eq(gateways.opampInstanceUid, uid))!
    : eq(gateways.instanceId, instanceId);
  const [row] = await db
    .select()
    .from(gateways)
    .where(and(eq(gateways.orgId, orgId), match))
    .limit(1);
  if (!row) throw new NotFoundError(GATEWAY_NOT_FOUND);
  return row;
}

/** One agent as the supervisor endpoints show it: identity, OpAMP connection and reported state. */
export function supervisorAgentView(g: GatewayRow, now = new Date()) {
  const rcs = g.remoteConfigStatus as {
    status?: string;
    error_message?: string;
    last_remote_config_hash?: string;
  } | null;
  return {
    instance_id: g.instanceId,
    gateway_id: g.id,
    name: g.name,
    opamp_instance_uid: uidText(g.opampInstanceUid),
    ...connectionSection(g, now),
    capabilities: { bits: g.capabilities, names: decodeAgentCapabilities(g.capabilities) },
    accepts_restart: hasCapability(g.capabilities, AgentCapability.AcceptsRestartCommand),
    reports_own_logs: hasCapability(g.capabilities, AgentCapability.ReportsOwnLogs),
    reports_own_metrics: hasCapability(g.capabilities, AgentCapability.ReportsOwnMetrics),
    remote_config_status: rcs
      ? {
          status: rcs.status ?? "UNSET",
          error_message: rcs.error_message || null,
          last_remote_config_hash: rcs.last_remote_config_hash || null,
        }
      : null,
    agent_version: g.agentVersion,
    hostname: g.hostname,
    os: g.os,
    effective_config_hash: g.effectiveConfigHash,
    // uint64 on the wire: a decimal string, as OTLP/JSON and proto3 JSON write 64-bit integers.
    sequence_num: g.sequenceNum === null ? null : g.sequenceNum.toString(),
    metrics: metricsSection(g),
    last_seen: g.lastSeen,
  };
}

/** One page of the org's agents, by name. */
export async function listSupervisorAgents(ctx: Ctx, query: ListSupervisorAgentsQuery = {}) {
  const opts = parseWith(listSupervisorAgentsQuery, query);
  const where = and(
    eq(gateways.orgId, ctx.orgId),
    opts.connection_state ? eq(gateways.connectionState, opts.connection_state) : undefined,
  );
  const { items: rows, total } = await pageOfRows(ctx.db, gateways, {
    where,
    orderBy: [asc(gateways.name), asc(gateways.id)],
    page: opts.page,
    limit: opts.limit,
  });
  const now = new Date();
  return {
    items: rows.map((g) => supervisorAgentView(g, now)),
    total,
    page: opts.page,
    limit: opts.limit,
  };
}

export async function getSupervisorAgent(ctx: Ctx, instanceId: string) {
  return supervisorAgentView(await findAgentOr404(ctx.db, ctx.orgId, instanceId));
}
