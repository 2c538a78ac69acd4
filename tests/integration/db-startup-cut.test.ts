import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { createTestDatabaseTarget, usingPostgres, type TestDatabaseTarget } from "../helpers/db";

/**
 * A TCP proxy to PostgreSQL that cuts a connection the moment it carries postgres.js's start-up catalog query (the
 * array types it fetches on every new connection unless `fetch_types` is off): where a database restart or a
 * failover can catch a connection. postgres.js drops that query's promise (porsager/postgres#1192, #1205, #1223),
 * so its failure surfaces as an unhandled rejection, which ends a Node process.
 */
async function cuttingProxy(target: URL) {
  let cuts = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (data: Buffer) => {
      if (data.includes("typarray")) {
        cuts++;
        cut();
      } else upstream.write(data);
    });
    upstream.on("data", (data: Buffer) => client.write(data));
    client.on("error", cut).on("close", cut);
    upstream.on("error", cut).on("close", cut);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { url: url.toString(), cuts: () => cuts, close: () => server.close() };
}

let target: TestDatabaseTarget | undefined;
let database: Database | undefined;
let proxy: Awaited<ReturnType<typeof cuttingProxy>> | undefined;
afterAll(async () => {
  await database?.close();
  proxy?.close();
  await target?.drop();
});

describe.skipIf(!usingPostgres())("the database client when a connection is cut while it starts", () => {
  it("sends nothing at a connection's start whose failure no caller could catch", async () => {
    target = await createTestDatabaseTarget();
    proxy = await cuttingProxy(new URL(target.databaseUrl!));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      database = await openDatabase({ url: proxy.url }); // migrations, then several pool connections at once
      const rows = await Promise.all(
        Array.from({ length: 8 }, (_, i) => database!.db.execute(sql`select ${i}::int as i, pg_sleep(0.05)`)),
      );
      expect(rows).toHaveLength(8);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(proxy.cuts()).toBe(0);
  });
});
