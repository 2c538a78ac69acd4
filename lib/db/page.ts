import { count, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Page } from "../http/pagination";
import type { Queryable } from "./client";

/**
 * One page of a list and the list's total, queried together: `rows` gets the limit and offset of the page asked
 * for, `total` counts every row the list's filter matches.
 */
export async function pageOf<T>(
  { page, limit }: { page: number; limit: number },
  rows: (limit: number, offset: number) => Promise<T[]>,
  total: () => Promise<{ n: number }[]>,
): Promise<Page<T>> {
  const [items, [{ n }]] = await Promise.all([rows(limit, (page - 1) * limit), total()]);
  return { items, total: Number(n), page, limit };
}

/** pageOf for the plain list: whole rows of one table matching `where`, in `orderBy` order. */
export function pageOfRows<T extends PgTable>(
  db: Queryable,
  table: T,
  query: { where: SQL | undefined; orderBy: (SQL | PgColumn)[]; page: number; limit: number },
): Promise<Page<T["$inferSelect"]>> {
  const from = table as PgTable;
  return pageOf(
    query,
    (limit, offset) =>
      db
        .select()
        .from(from)
        .where(query.where)
        .orderBy(...query.orderBy)
        .limit(limit)
        .offset(offset) as Promise<T["$inferSelect"][]>,
    () => db.select({ n: count() }).from(from).where(query.where),
  );
}
