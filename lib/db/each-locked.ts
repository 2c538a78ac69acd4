import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./client";

/**
 * Runs `step` on each row of `table` that `due` picks, each in its own transaction holding the row's lock, so every
 * replica can run the same ticker: `SKIP LOCKED` leaves a row another process holds to it, and a row that no longer
 * matches `still` once locked is skipped. A failing step rolls back its own row only and goes to `onError`.
 */
export async function forEachLockedRow<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  select: { due: SQL | undefined; still: SQL | undefined },
  step: (tx: Tx, row: T["$inferSelect"]) => Promise<unknown>,
  onError: (err: unknown, id: string) => unknown,
): Promise<void> {
  const from = table as PgTable;
  const ids = (await db.select({ id: table.id }).from(from).where(select.due)) as { id: string }[];
  for (const { id } of ids) {
    await db
      .transaction(async (tx) => {
        const [row] = (await tx
          .select()
          .from(from)
          .where(and(eq(table.id, id), select.still))
          .for("update", { skipLocked: true })) as T["$inferSelect"][];
        if (row) await step(tx, row);
      })
      .catch((err) => onError(err, id));
  }
}
