import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable, openDatabase, type Database } from "@/lib/db/client";
import { usingPostgres } from "../helpers/db";
import { startPgCluster, type PgCluster } from "../helpers/pg-cluster";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How a call ended and how long it took; "pending" if it had not within `ms`. */
async function outcome(p: Promise<unknown>, ms: number) {
  const started = performance.now();
  const result = await Promise.race([
    p.then(
      () => "ok",
      (err: unknown) => (isDatabaseUnavailable(err) ? "unavailable" : `failed: ${String(err)}`),
    ),
    sleep(ms).then(() => "pending"),
  ]);
  return { result, ms: performance.now() - started };
}

let cluster: PgCluster | undefined;
let database: Database | undefined;
afterAll(async () => {
  await database?.close();
  cluster?.destroy();
});

// Raw postgres.js, under ~100 queries a second, fails one queued query per reconnect attempt while the server is down
// (per pool connection, with a back-off growing to 20 s): a query made a second into the outage was still pending
// after 10 s. The client FlowGate opens must fail such calls at once and leave nothing queued to run later.
describe.skipIf(!usingPostgres())("the database client while a private PostgreSQL is stopped under load", () => {
  it("fails calls fast while down, runs nothing it failed, and works again after the restart", async () => {
    cluster = await startPgCluster();
    database = await openDatabase({ url: cluster.url });
    const { db } = database;
    await db.execute(sql`create table writes (n int not null)`);

    let stop = false;
    let n = 0;
    const written: number[] = [];
    const load = (async () => {
      while (!stop) {
        const i = n++;
        db.execute(sql`insert into writes values (${i})`).then(
          () => written.push(i),
          () => {},
        );
        await sleep(10);
      }
    })();
    await sleep(500);
    // A transaction still open when the server goes away must fail, not hang.
    const open = outcome(
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await sleep(1_500);
        await tx.execute(sql`select 1`);
      }),
      15_000,
    );
    await sleep(200);
    await cluster.stop();
    await sleep(1_000);

    const during = await outcome(db.execute(sql`select 1`), 10_000);
    expect(during.result).toBe("unavailable");
    expect(during.ms).toBeLessThan(3_000); // one check, at most 500 ms after the last
    expect((await open).result).toBe("unavailable");

    await cluster.start();
    await expect
      .poll(async () => (await outcome(db.execute(sql`select 1`), 5_000)).result, { timeout: 15_000, interval: 250 })
      .toBe("ok");
    stop = true;
    await load;
    await sleep(1_000);
    // Exactly the inserts reported as done are in the table: none the caller was told failed ran afterwards.
    const rows = (await db.execute(sql`select n from writes order by n`)) as unknown as { n: number }[];
    expect(rows.map((r) => r.n)).toEqual([...written].sort((a, b) => a - b));
    expect(written.length).toBeLessThan(n);
  }, 60_000);
});
