import { count, desc, eq } from "drizzle-orm";
import { alertChannels, alertNotifications, alertRules } from "../db/schema";
import type { Ctx } from "../auth/context";
import { pageOf } from "../db/page";
import { parseWith } from "../http/parse";
import { listAlertsQuery, type ListAlertsQuery } from "./schemas";

type AlertTable = typeof alertRules | typeof alertChannels | typeof alertNotifications;

/** One page of the org's rows of an alerts table, newest first (the rule, channel and notification lists). */
export function newestAlertsPage<T extends AlertTable>(ctx: Ctx, table: T, query: ListAlertsQuery) {
  const where = eq(table.orgId, ctx.orgId);
  return pageOf(
    parseWith(listAlertsQuery, query),
    (limit, offset) =>
      ctx.db
        .select()
        .from(table as AlertTable)
        .where(where)
        .orderBy(desc(table.createdAt), desc(table.id))
        .limit(limit)
        .offset(offset) as Promise<T["$inferSelect"][]>,
    () =>
      ctx.db
        .select({ n: count() })
        .from(table as AlertTable)
        .where(where),
  );
}
