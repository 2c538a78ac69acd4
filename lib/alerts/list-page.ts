import { desc, eq } from "drizzle-orm";
import type { alertChannels, alertNotifications, alertRules } from "../db/schema";
import type { Ctx } from "../auth/context";
import type { Queryable } from "../db/client";
import { pageOfRows } from "../db/page";
import { parseWith } from "../http/parse";
import { listAlertsQuery, type ListAlertsQuery } from "./schemas";

type AlertTable = typeof alertRules | typeof alertChannels | typeof alertNotifications;

/** One page of the org's rows of an alerts table, newest first (the rule, channel and notification lists). */
export function newestAlertsPage<T extends AlertTable>(ctx: Ctx, table: T, query: ListAlertsQuery) {
  return pageOfRows(ctx.db, table, {
    where: eq(table.orgId, ctx.orgId),
    orderBy: [desc(table.createdAt), desc(table.id)],
    ...parseWith(listAlertsQuery, query),
  });
}

/**
 * newestAlertsPage with what hangs off its rows (a rule's states, a notification's deliveries) read in one query
 * for the page's ids, none for an empty page; `view` shapes each row from it and all of the page's children.
 */
export async function newestAlertsPageWith<T extends AlertTable, C, V>(
  ctx: Ctx,
  table: T,
  query: ListAlertsQuery,
  children: (db: Queryable, ids: string[]) => Promise<C[]>,
  view: (row: T["$inferSelect"], children: C[]) => V,
) {
  const { items: rows, ...page } = await newestAlertsPage(ctx, table, query);
  const all = rows.length
    ? await children(
        ctx.db,
        rows.map((r) => r.id),
      )
    : [];
  return { items: rows.map((r) => view(r, all)), ...page };
}
