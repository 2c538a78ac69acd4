import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { uuidList } from "../../db/lists";
import type { Ctx } from "../../auth/context";
import { requireRole, type RoleAction } from "../../auth/roles";
import { parseWith } from "../../http/parse";
import { recordAudit } from "../../audit/record";
import { publishAgentEvents, type AgentEvent } from "../../events/bus";
import { AgentCapability, hasCapability } from "../../opamp/capabilities";
import { createDeployment } from "../../deployments/create";
import { bulkGatewaysInput, type BulkAction, type BulkGatewaysInput, type BulkGatewaysRequest } from "./schemas";
import { selectBulkGateways, type BulkError, type Selected } from "./select";

const ROLE_OF: Record<BulkAction, RoleAction> = {
  add_tags: "agent_tags.add",
  remove_tags: "agent_tags.remove",
  deploy: "deployments.create",
  restart: "gateways.restart",
  rotate_token: "gateways.rotate_token",
  delete: "gateways.delete",
};

/** The summary is short whatever the fleet size: errors beyond this many are counted, not listed. */
const MAX_LISTED_ERRORS = 100;

type Outcome = { changed: string[]; errors: BulkError[]; deployment_id?: string };
type Req<A extends BulkAction> = Extract<BulkGatewaysRequest, { action: A }>;

const distinct = (rows: { id: string }[]) => [...new Set(rows.map((r) => r.id))];
/** Runs a `returning id` statement: postgres.js answers an array of rows, PGlite an object holding `rows`. */
async function changedIds(tx: Tx, query: ReturnType<typeof sql>): Promise<string[]> {
  const result = (await tx.execute(query)) as unknown as { id: string }[] | { rows: { id: string }[] };
  return distinct(Array.isArray(result) ? result : result.rows);
}

/**
 * One action on up to 10,000 of the org's gateways in one request: set-based statements in one transaction, one
 * audit row, agent events in one NOTIFY statement. The summary says how many the selection matched, how many the
 * action changed, how many it skipped (already so, or the agent cannot), and why for the ids it could not act on.
 */
export async function bulkGateways(ctx: Ctx, input: BulkGatewaysInput | unknown) {
  const req = parseWith(bulkGatewaysInput, input);
  requireRole(ctx, ROLE_OF[req.action]);
  const outcome =
    req.action === "deploy"
      ? await bulkDeploy(ctx, req)
      : await ctx.db.transaction(async (tx) => {
          const { rows, errors } = await selectBulkGateways(tx, ctx, req);
          const out = rows.length ? await applyAction(tx, ctx, req, rows) : { changed: [], errors: [] };
          await auditBulk(tx, ctx, req, rows.length, out.changed);
          return { selected: rows.length, ...out, errors: [...errors, ...out.errors] };
        });
  return {
    action: req.action,
    matched: outcome.selected,
    changed: outcome.changed.length,
    skipped: outcome.selected - outcome.changed.length,
    errors: outcome.errors.slice(0, MAX_LISTED_ERRORS),
    error_count: outcome.errors.length,
    ...(outcome.deployment_id ? { deployment_id: outcome.deployment_id } : {}),
  };
}

async function applyAction(tx: Tx, ctx: Ctx, req: BulkGatewaysRequest, rows: Selected): Promise<Outcome> {
  const ids = rows.map((r) => r.id);
  switch (req.action) {
    case "add_tags":
      return tagged(tx, await addTags(tx, ctx, req, ids));
    case "remove_tags":
      return tagged(tx, await removeTags(tx, ctx, req, ids));
    case "restart":
      return restart(tx, rows);
    case "rotate_token":
      return perGateway(tx, "disconnect", await rotateTokens(tx, ctx, ids));
    case "delete":
      return perGateway(tx, "disconnect", await deleteGateways(tx, ctx, ids));
    default:
      throw new Error(`unreachable: ${req.action}`);
  }
}

/** Tags select deployments: the changed gateways' desired config may differ now. */
async function tagged(tx: Tx, changed: string[]): Promise<Outcome> {
  await publishAgentEvents(tx, [{ type: "config", gatewayIds: changed }]);
  return { changed, errors: [] };
}

async function perGateway(tx: Tx, type: "disconnect" | "restart", changed: string[]): Promise<Outcome> {
  await publishAgentEvents(
    tx,
    changed.map((gatewayId): AgentEvent => ({ type, gatewayId })),
  );
  return { changed, errors: [] };
}

/** Only rows whose value differs are written, so a gateway that already carries every tag counts as skipped. */
function addTags(tx: Tx, ctx: Ctx, req: Req<"add_tags">, ids: string[]) {
  const tags = JSON.stringify(Object.entries(req.tags).map(([key, value]) => ({ key, value })));
  return changedIds(
    tx,
    sql`insert into agent_tags (gateway_id, org_id, key, value)
        select g.id, ${ctx.orgId}::uuid, t.key, t.value
        from ${uuidList(ids)} as g(id) cross join jsonb_to_recordset(${tags}::jsonb) as t(key text, value text)
        on conflict (gateway_id, key) do update set value = excluded.value
          where agent_tags.value is distinct from excluded.value
        returning gateway_id as id`,
  );
}

function removeTags(tx: Tx, ctx: Ctx, req: Req<"remove_tags">, ids: string[]) {
  return changedIds(
    tx,
    sql`delete from agent_tags where org_id = ${ctx.orgId}::uuid and gateway_id in ${uuidList(ids)}
        and key in (select jsonb_array_elements_text(${JSON.stringify(req.keys)}::jsonb))
        returning gateway_id as id`,
  );
}

/** Agents that do not accept the Restart command are skipped with the reason the single-gateway verb gives. */
async function restart(tx: Tx, rows: Selected): Promise<Outcome> {
  const able = rows.filter((r) => hasCapability(r.capabilities, AgentCapability.AcceptsRestartCommand));
  const unable = rows.filter((r) => !hasCapability(r.capabilities, AgentCapability.AcceptsRestartCommand));
  const out = await perGateway(
    tx,
    "restart",
    able.map((r) => r.id),
  );
  return {
    ...out,
    errors: unable.map((r) => ({ gateway_id: r.id, detail: "Agent does not accept restart commands" })),
  };
}

/**
 * A new random jti revokes each current token at once (verification compares jtis). Tokens are not minted here: a
 * response with 10,000 secrets helps no one; each gateway gets a fresh one when it re-registers, as after a revoke.
 */
function rotateTokens(tx: Tx, ctx: Ctx, ids: string[]) {
  return changedIds(
    tx,
    sql`update gateways set opamp_token_jti = gen_random_uuid()::text, updated_at = now()
        where org_id = ${ctx.orgId}::uuid and id in ${uuidList(ids)} returning id`,
  );
}

/** Tags, logs and rollout rows cascade, as for a single delete. */
function deleteGateways(tx: Tx, ctx: Ctx, ids: string[]) {
  return changedIds(
    tx,
    sql`delete from gateways where org_id = ${ctx.orgId}::uuid and id in ${uuidList(ids)} returning id`,
  );
}

/** Deploy reuses createDeployment (all at once to exactly the selection), which audits it as a deployment. */
async function bulkDeploy(ctx: Ctx, req: Req<"deploy">) {
  const { rows, errors } = await selectBulkGateways(ctx.db, ctx, req);
  if (rows.length === 0) return { selected: 0, changed: [], errors };
  const ids = rows.map((r) => r.id);
  const d = await createDeployment(ctx, {
    name: req.name,
    template_id: req.template_id,
    template_version: req.template_version,
    target: { gateway_ids: ids },
    strategy: { type: "all_at_once" },
  });
  return { selected: rows.length, changed: ids, errors, deployment_id: d.id };
}

async function auditBulk(tx: Tx, ctx: Ctx, req: BulkGatewaysRequest, matched: number, changed: string[]) {
  await recordAudit(tx, ctx, {
    action: `gateway.bulk_${req.action}`,
    targetType: "gateway",
    details: {
      selection: req.gateway_ids ? { gateway_ids: req.gateway_ids.length } : { filter: req.filter },
      matched,
      changed: changed.length,
      gateway_ids: changed,
      ...(req.action === "add_tags" ? { tags: req.tags } : {}),
      ...(req.action === "remove_tags" ? { keys: req.keys } : {}),
    },
  });
}
