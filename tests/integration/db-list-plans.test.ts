import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidList } from "@/lib/db/lists";
import { openTestDatabase, queryRows } from "../helpers/db";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const ids = Array.from({ length: 5000 }, () => randomUUID());

/** The plan PostgreSQL picks for a statement, as text (both drivers). */
async function plan(query: SQL): Promise<string> {
  const result = (await database.db.execute(sql`explain ${query}`)) as unknown as
    { rows: Record<string, string>[] } | Record<string, string>[];
  const rows = Array.isArray(result) ? result : result.rows;
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

beforeAll(async () => {
  database = await openTestDatabase();
  // As wide and as long as the gateways table when a fleet of 5,000 connects: where the two plans cross over.
  await database.db.execute(sql`create table list_plan (id uuid primary key, pad text)`);
  await database.db.execute(
    sql`insert into list_plan select (v ->> 'id')::uuid, repeat('x', 300) from jsonb_array_elements(${JSON.stringify(ids.map((id) => ({ id })))}::jsonb) v`,
  );
  await database.db.execute(sql`analyze list_plan`);
});
afterAll(async () => {
  await database?.drop();
});

describe("key lists sent as one JSON parameter", () => {
  it("are planned as the few rows they hold: index look-ups, not a scan of the whole table", async () => {
    const few = ids.slice(0, 3);
    // Control: the same set without its row count is taken for 100 rows, and the table is scanned.
    const unhinted = await plan(
      sql`update list_plan t set pad = 'y' from (select jsonb_array_elements_text(${JSON.stringify(few)}::jsonb)::uuid as id) v where t.id = v.id`,
    );
    expect(unhinted).toMatch(/Seq Scan on list_plan/);

    const hinted = await plan(sql`update list_plan t set pad = 'y' from ${uuidList(few)} as v(id) where t.id = v.id`);
    expect(hinted).not.toMatch(/Seq Scan on list_plan/);
    expect(hinted).toMatch(/Index Scan using list_plan_pkey/);
  });

  it("still select every key they hold", async () => {
    const some = ids.slice(100, 350);
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from list_plan where id in ${uuidList(some)}`,
    );
    expect(row.n).toBe(250);
  });
});
