import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gateways } from "@/lib/db/schema";
import { openTestDatabase, usingPostgres } from "../helpers/db";

let database: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  if (usingPostgres()) database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

// PGlite runs queries in-process: nothing to prepare there.
describe.skipIf(!usingPostgres())("prepared statements on PostgreSQL", () => {
  it("runs drizzle's queries as prepared statements, kept by the connection for the next call", async () => {
    const marker = `prepared-${Date.now()}`;
    const found = await database.db.transaction(async (tx) => {
      // A transaction keeps one connection, whose prepared statements pg_prepared_statements lists.
      for (let i = 0; i < 2; i++) await tx.select().from(gateways).where(eq(gateways.instanceId, marker));
      const listed = (await tx.execute(
        sql`select statement from pg_prepared_statements where statement like ${'%"instance_id" = $1%'}`,
      )) as unknown as { statement: string }[];
      return listed.map((r) => r.statement);
    });
    expect(found.filter((s) => s.includes('from "gateways"'))).toHaveLength(1);
  });
});
