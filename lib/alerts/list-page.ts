import { desc, eq } from "drizzle-orm";
import type { alertChannels, alertNotifications, alertRules } from "../db/schema";
import type { Ctx } from "../auth/context";
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
