import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { agentTags, gateways } from "../db/schema";
import type { Ctx } from "../auth/context";
import type { Queryable } from "../db/client";
import { requireRole } from "../auth/roles";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { findGatewayOr404, GATEWAY_NOT_FOUND } from "./lookup";
import {
  addAgentTagsInput,
  listAgentTagsQuery,
  removeAgentTagsInput,
  setGatewayTagsInput,
  type AddAgentTagsInput,
  type ListAgentTagsQuery,
  type RemoveAgentTagsInput,
  type SetGatewayTagsInput,
} from "./schemas";

const toList = (tags: Record<string, string>) =>
  Object.entries(tags)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ key, value }));

/** Replaces all of a gateway's tags. Tags select deployments, so the gateway's desired config may change. */
export async function setGatewayTags(ctx: Ctx, id: string, input: SetGatewayTagsInput) {
  requireRole(ctx, "gateways.set_tags");
  const { tags } = parseWith(setGatewayTagsInput, input);
  return ctx.db.transaction(async (tx) => {
    const gateway = await findGatewayOr404(tx, ctx.orgId, id, { forUpdate: true });
    await tx.delete(agentTags).where(eq(agentTags.gatewayId, gateway.id));
    const list = toList(tags);
    if (list.length)
      await tx.insert(agentTags).values(list.map((t) => ({ gatewayId: gateway.id, orgId: ctx.orgId, ...t })));
    await recordAudit(tx, ctx, {
      action: "gateway.set_tags",
      targetType: "gateway",
      targetId: gateway.id,
      details: { tags },
    });
    await publishAgentEvent(tx, { type: "config", gatewayIds: [gateway.id] });
    return { gateway_id: gateway.id, tags: list };
  });
}

/** All gateway ids must be this org's; otherwise 404 and nothing changes. */
async function requireGateways(tx: Queryable, ctx: Ctx, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await tx
    .select({ id: gateways.id })
    .from(gateways)
    .where(and(eq(gateways.orgId, ctx.orgId), inArray(gateways.id, unique)))
    .for("update");
  if (found.length !== unique.length) throw new NotFoundError(GATEWAY_NOT_FOUND);
  return unique;
}

/**
 * A change to many gateways' tags: every gateway must be the org's (else 404 and nothing changes); the change, its
 * `gateway.<action>` audit row and the config event share one transaction.
 */
async function changeTagsOf(
  ctx: Ctx,
  gatewayIds: string[],
  audit: { action: string; details: Record<string, unknown> },
  change: (tx: Queryable, ids: string[]) => Promise<unknown>,
) {
  return ctx.db.transaction(async (tx) => {
    const ids = await requireGateways(tx, ctx, gatewayIds);
    await change(tx, ids);
    await recordAudit(tx, ctx, {
      action: `gateway.${audit.action}`,
      targetType: "gateway",
      details: { gateway_ids: ids, ...audit.details },
    });
    await publishAgentEvent(tx, { type: "config", gatewayIds: ids });
    return { updated: ids.length };
  });
}

/** Adds tags to many gateways at once; an existing key gets the new value. */
export async function addAgentTags(ctx: Ctx, input: AddAgentTagsInput) {
  requireRole(ctx, "agent_tags.add");
  const data = parseWith(addAgentTagsInput, input);
  const list = toList(data.tags);
  return changeTagsOf(ctx, data.gateway_ids, { action: "add_tags", details: { tags: data.tags } }, async (tx, ids) => {
    if (!list.length) return;
    await tx
      .insert(agentTags)
      .values(ids.flatMap((gatewayId) => list.map((t) => ({ gatewayId, orgId: ctx.orgId, ...t }))))
      .onConflictDoUpdate({ target: [agentTags.gatewayId, agentTags.key], set: { value: sql`excluded.value` } });
  });
}

/** Removes tag keys from many gateways at once. */
export async function removeAgentTags(ctx: Ctx, input: RemoveAgentTagsInput) {
  requireRole(ctx, "agent_tags.remove");
  const data = parseWith(removeAgentTagsInput, input);
  return changeTagsOf(ctx, data.gateway_ids, { action: "remove_tags", details: { keys: data.keys } }, (tx, ids) =>
    tx
      .delete(agentTags)
      .where(and(eq(agentTags.orgId, ctx.orgId), inArray(agentTags.gatewayId, ids), inArray(agentTags.key, data.keys))),
  );
}

/** The org's distinct tag key/value pairs with how many gateways carry each. */
export async function listAgentTags(ctx: Ctx, query: ListAgentTagsQuery = {}) {
  const { page, limit } = parseWith(listAgentTagsQuery, query);
  const pairs = ctx.db
    .select({ key: agentTags.key, value: agentTags.value, count: count().as("count") })
    .from(agentTags)
    .where(eq(agentTags.orgId, ctx.orgId))
    .groupBy(agentTags.key, agentTags.value)
    .as("pairs");
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select()
      .from(pairs)
      .orderBy(asc(pairs.key), asc(pairs.value))
      .limit(limit)
      .offset((page - 1) * limit),
    ctx.db.select({ n: count() }).from(pairs),
  ]);
  return {
    items: rows.map((r) => ({ key: r.key, value: r.value, count: Number(r.count) })),
    total: Number(n),
    page,
    limit,
  };
}
