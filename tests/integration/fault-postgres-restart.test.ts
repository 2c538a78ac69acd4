import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { usingPostgres } from "../helpers/db";
import { startPgCluster, type PgCluster } from "../helpers/pg-cluster";
import { startServer, type TestServer } from "../helpers/server";
import { config, deployFixture, waitFor, WsCollector } from "./deployments-fixtures";
import { inParallel } from "../helpers/parallel";

const AGENTS = 300;
let cluster: PgCluster | undefined;
let server: TestServer | undefined;
const fleet: WsCollector[] = [];
afterAll(async () => {
  if (server) fs.writeFileSync(path.join(os.tmpdir(), "fault-postgres-restart.log"), server.logs()); // for the post-mortem
  await Promise.all(fleet.map((c) => c.stop()));
  await server?.stop();
  cluster?.destroy();
});

// PostgreSQL half only (it needs the machine's PostgreSQL binaries): a real restart of a private cluster, never the
// shared server, under 300 agents. Without the database gate (lib/db/gate.ts) REST and OpAMP waited behind
// postgres.js's queue instead of answering 503/UNAVAILABLE.
describe.skipIf(!usingPostgres())("PostgreSQL restarted under 300 live agents", () => {
  it("loses no state, answers REST 503 while down, and completes deployments made before and after", async () => {
    cluster = await startPgCluster();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-fault-"));
    server = await startServer({
      target: { databaseUrl: cluster.url, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true }) },
      env: { FLOWGATE_DEPLOYMENT_TICK_MS: "200" },
    });
    const fx = deployFixture(server);
    const names = Array.from({ length: AGENTS }, (_, i) => `pgr-${String(i).padStart(3, "0")}`);
    const gws = await fx.taggedFleet(names, (i) => ({ group: i % 2 ? "b" : "a" }));
    fleet.push(
      ...(await inParallel(names, 20, (name, i) =>
        WsCollector.start(fx.wsUrl, name, gws[i].opamp_token, { heartbeatMs: 3_000, reconnect: true }),
      )),
    );
    const groupA = fleet.filter((_, i) => i % 2 === 0);
    const groupB = fleet.filter((_, i) => i % 2 === 1);
    const templateId = await fx.template("pg-restart", [config("before"), config("after")]);

    // A progressive rollout to group a is in flight when PostgreSQL goes down.
    const before = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      template_version: 1,
      target: { selector: "group=a" },
      strategy: { type: "progressive", batch_size: 50, pause_seconds: 2, failure_threshold: 1 },
    });
    expect(before.status).toBe(201);
    await waitFor(async () => (await fx.deployment(before.json.id)).progress.applied >= 50, 30_000, 100);
    await cluster.stop();

    const down = await fetch(`${server.url}/api/v1/gateways`, {
      headers: { authorization: `Bearer ${(await server.adminKey()).key}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect([down.status, down.headers.get("retry-after"), await down.text()]).toMatchObject([
      503,
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/database unavailable/i),
    ]);
    // What agents report while the database is away: a new host name each.
    for (const c of fleet) c.moveTo(`${c.name}.moved`);
    await waitFor(async () => fleet.filter((c) => c.errors > 0).length >= AGENTS / 2, 15_000, 100);
    await cluster.start();

    const after = await waitFor(
      async () => {
        const r = await fx.api("POST", "/api/v1/deployments", {
          template_id: templateId,
          template_version: 2,
          target: { selector: "group=b" },
        });
        return r.status === 201 && r;
      },
      20_000,
      250,
    );
    const settled = async (id: string) =>
      fx.statusIs(id, "completed", 60_000).catch(async (err) => {
        const d = await fx.deployment(id);
        const rows = d.gateways.items.filter((r: { status: string }) => r.status !== "applied");
        throw new Error(
          `${err.message}: ${JSON.stringify({ status: d.status, progress: d.progress, rows: rows.slice(0, 3) })}`,
        );
      });
    await settled(before.json.id);
    await settled(after.json.id);

    const rows = async (id: string) => {
      const d = await fx.deployment(id, "?limit=200");
      return new Map<string, string>(
        d.gateways.items.map((r: { name: string; config_hash: string }) => [r.name, r.config_hash]),
      );
    };
    const [rowsA, rowsB] = [await rows(before.json.id), await rows(after.json.id)];
    expect(groupA.map((c) => c.applied)).toEqual(groupA.map((c) => rowsA.get(c.name)));
    expect(groupB.map((c) => c.applied)).toEqual(groupB.map((c) => rowsB.get(c.name)));

    // Every report made during the outage is stored once the database is back (the server asked for it again).
    const stored = await waitFor(
      async () => {
        const seen = new Map<string, string>();
        for (let page = 1; page <= Math.ceil(AGENTS / 200); page++) {
          const r = await fx.api("GET", `/api/v1/gateways?limit=200&page=${page}`);
          for (const g of r.json.items) seen.set(g.name, g.hostname);
        }
        return names.every((n) => seen.get(n) === `${n}.moved`) && seen;
      },
      30_000,
      500,
    );
    expect(stored.size).toBe(AGENTS);
    expect(server.logs()).not.toMatch(/"level":"(error|fatal)".*unhandled/);
  }, 240_000); // 25-56 s at load 8-12 on 2 cores; the margin is for CI under heavier load
});
