import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "./client";

/** Inserts the rows whose unique key is still free and skips the others (a concurrent writer got there first). */
export async function insertNewRows<T extends PgTable>(db: Queryable, table: T, rows: T["$inferInsert"][]) {
  if (rows.length)
    await db
      .insert(table)
      .values(rows as never)
      .onConflictDoNothing();
}
