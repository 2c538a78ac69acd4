import { and, desc, eq, inArray } from "drizzle-orm";
import { apiKeys, auditLog, users } from "../db/schema";
import type { Ctx } from "../auth/context";
import { pageOfRows } from "../db/page";
import { isUuid } from "../uuid";
import { targetLabels } from "./target-labels";

export type AuditEntry = {
  id: string;
  actor: string;
  /** A readable name for the actor: the user's email or the API key's name, when they still exist. */
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  /** The target's current name when it still exists and has one (gateway, template, deployment, ...). */
  target_name: string | null;
  details: Record<string, unknown>;
  created_at: Date;
};

/** Rows per page of the Settings page's audit log card. */
export const AUDIT_PAGE_SIZE = 15;

export type AuditPage = { items: AuditEntry[]; total: number; page: number; limit: number };

/** One page of the org's audit log, newest first (any member may read it). */
export async function listAuditPage(ctx: Ctx, opts: { page?: number; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 20), 1), 100);
  const page = Math.max(Math.trunc(opts.page ?? 1), 1);
  const where = eq(auditLog.orgId, ctx.orgId);
  const { items: rows, total } = await pageOfRows(ctx.db, auditLog, {
    where,
    orderBy: [desc(auditLog.createdAt), desc(auditLog.id)],
    page,
    limit,
  });
  const [labels, names] = await Promise.all([
    actorLabels(
      ctx,
      rows.map((r) => r.actor),
    ),
    targetLabels(
      ctx,
      rows.map((r) => ({ type: r.targetType, id: r.targetId })),
    ),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    actor: r.actor,
    actor_label: labels.get(r.actor) ?? r.actor,
    action: r.action,
    target_type: r.targetType,
    target_id: r.targetId,
    target_name: r.targetId ? (names.get(`${r.targetType}:${r.targetId}`) ?? null) : null,
    details: r.details,
    created_at: r.createdAt,
  }));
  return { items, total, page, limit };
}

async function actorLabels(ctx: Ctx, actors: string[]): Promise<Map<string, string>> {
  const ids = (prefix: string) => [
    ...new Set(
      actors
        .filter((a) => a.startsWith(prefix))
        .map((a) => a.slice(prefix.length))
        .filter((id) => isUuid(id)),
    ),
  ];
  const userIds = ids("user:");
  const keyIds = ids("api_key:");
  const labels = new Map<string, string>();
  if (userIds.length) {
    for (const u of await ctx.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.id, userIds)))
      labels.set(`user:${u.id}`, u.email);
  }
  if (keyIds.length) {
    const keys = await ctx.db
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.orgId, ctx.orgId), inArray(apiKeys.id, keyIds)));
    for (const k of keys) labels.set(`api_key:${k.id}`, `API key "${k.name}"`);
  }
  return labels;
}
