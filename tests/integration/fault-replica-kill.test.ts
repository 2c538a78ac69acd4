import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabaseTarget, usingPostgres, type TestDatabaseTarget } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";
import { config, deployFixture, waitFor, WsCollector } from "./deployments-fixtures";

const servers: TestServer[] = [];
const fleet: WsCollector[] = [];
let target: TestDatabaseTarget | undefined;
afterAll(async () => {
  await Promise.all(fleet.map((c) => c.stop()));
  for (const s of servers) await s.stop();
  await target?.drop();
});

// PostgreSQL only: replicas share one database, which PGlite (in-process) cannot.
describe.skipIf(!usingPostgres())("one of two replicas killed with SIGKILL", () => {
  it("moves its agents to the other replica, which completes the progressive rollout in flight", async () => {
    target = await createTestDatabaseTarget();
    const env = { FLOWGATE_DEPLOYMENT_TICK_MS: "200" };
    const a = await startServer({ target, env });
    servers.push(a);
    const b = await startServer({ target, env });
    servers.push(b);
    const onA = deployFixture(a);
    const onB = deployFixture(b);

    // 20 agents, half connected to each replica; each fails over to the other when its connection drops.
    for (let i = 0; i < 20; i++) {
      const name = `replica-${String(i).padStart(2, "0")}`;
      const gw = await onB.taggedGateway(name, { fleet: "replicas" });
      const [home, other] = i % 2 ? [onA, onB] : [onB, onA];
      fleet.push(
        await WsCollector.start(home.wsUrl, name, gw.opamp_token, { failover: [other.wsUrl], reconnect: true }),
      );
    }
    const templateId = await onB.template("replicas", [config("v1")]);
    const d = await onB.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=replicas" },
      strategy: { type: "progressive", batch_size: 5, pause_seconds: 1, failure_threshold: 1 },
    });
    expect(d.status).toBe(201);
    await waitFor(async () => (await onB.deployment(d.json.id)).progress.applied >= 5, 30_000, 100);
    expect((await onB.deployment(d.json.id)).status).toBe("in_progress");

    await a.kill();
    const done = await onB.statusIs(d.json.id, "completed", 60_000);
    expect(done.progress).toMatchObject({ total: 20, applied: 20, failed: 0 });
    const rows = new Map<string, string>(
      done.gateways.items.map((r: { name: string; config_hash: string }) => [r.name, r.config_hash]),
    );
    expect(fleet.map((c) => c.applied)).toEqual(fleet.map((c) => rows.get(c.name)));
    // Every agent, those that lost replica A included, is connected to B and shown online.
    const list = await onB.api("GET", "/api/v1/gateways?limit=100&q=replica-");
    expect(list.json.items.map((g: { status: string }) => g.status)).toEqual(Array(20).fill("active"));
  }, 180_000);
});
