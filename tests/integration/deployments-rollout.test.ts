import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { config, deployFixture, HttpCollector, waitFor, WsCollector } from "./deployments-fixtures";

let server: TestServer;
let fx: ReturnType<typeof deployFixture>;
const collectors: Array<WsCollector | HttpCollector> = [];

beforeAll(async () => {
  server = await startServer();
  fx = deployFixture(server);
});
afterAll(async () => {
  await Promise.all(collectors.map((c) => c.stop().catch(() => {})));
  await server?.stop();
});

type Row = {
  name: string;
  status: string;
  error_message: string | null;
  config_hash: string | null;
  released_at: string | null;
  batch: number;
};

describe("deployments with real agents (WebSocket test client and @elastic/opamp-client-node)", () => {
  it("halts a progressive rollout to 10 tagged agents when 2 report FAILED, then a rollback returns every agent to the previous hash", async () => {
    const templateId = await fx.template("fleet", [config("v1"), config("v2", "batch/canary")]);
    const fleet: Array<WsCollector | HttpCollector> = [];
    for (let i = 0; i < 10; i++) {
      const name = `fleet-${String(i).padStart(2, "0")}`;
      const gw = await fx.taggedGateway(name, { env: "prod", region: "eu" });
      // fleet-01 and fleet-05 cannot run v2; fleet-09 is the @elastic HTTP client.
      const failOn = i === 1 || i === 5 ? "batch/canary" : undefined;
      fleet.push(
        i === 9
          ? HttpCollector.start(fx.httpUrl, name, gw.opamp_token, failOn)
          : await WsCollector.start(fx.wsUrl, name, gw.opamp_token, failOn),
      );
    }
    collectors.push(...fleet);

    // Everyone on v1 first, so there is a previous hash to return to.
    const v1 = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      template_version: 1,
      target: { selector: "env=prod,region=eu" },
    });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ status: "in_progress", template: { version: 1 }, progress: { total: 10 } });
    await fx.statusIs(v1.json.id, "completed");
    const v1Hashes = fleet.map((c) => c.applied);
    const v1Rows: Row[] = (await fx.deployment(v1.json.id)).gateways.items;
    expect(v1Hashes).toEqual(v1Rows.map((r) => r.config_hash));
    expect(new Set(v1Hashes).size).toBe(10); // ${INSTANCE_ID} makes each gateway's config its own

    const v2 = await fx.api("POST", "/api/v1/deployments", {
      name: "v2 canary",
      template_id: templateId,
      target: { selector: "env=prod,region=eu" },
      strategy: { type: "progressive", batch_size: 4, pause_seconds: 0, failure_threshold: 2 },
    });
    expect(v2.status).toBe(201);
    const halted = await fx.statusIs(v2.json.id, "halted", 20_000);
    const rows: Row[] = halted.gateways.items;
    expect(rows.filter((r) => r.status === "failed").map((r) => [r.name, r.error_message])).toEqual([
      ["fleet-01", "fleet-01: cannot start pipelines: processors::batch/canary: unknown setting"],
      ["fleet-05", "fleet-05: cannot start pipelines: processors::batch/canary: unknown setting"],
    ]);
    expect(halted.progress).toMatchObject({ applied: 6, failed: 2, pending: 2 });
    expect(rows.filter((r) => r.batch === 2).every((r) => r.released_at === null)).toBe(true); // the third batch never started
    expect(fleet.slice(8).map((c) => c.applied)).toEqual(v1Hashes.slice(8)); // so fleet-08/09 still run v1
    expect(fleet[2].applied).toBe(rows[2].config_hash);

    const rb = await fx.api("POST", `/api/v1/deployments/${v2.json.id}/rollback`, {});
    expect(rb.status).toBe(201);
    expect(rb.json).toMatchObject({
      rollback_of: v2.json.id,
      template: { version: 1 },
      strategy: { type: "all_at_once" },
    });
    await fx.statusIs(rb.json.id, "completed");
    await waitFor(async () => fleet.every((c, i) => c.applied === v1Hashes[i]), 10_000);
    expect((await fx.deployment(v2.json.id)).status).toBe("superseded");
    const audit = await fx.api("GET", "/api/v1/settings/audit-log?limit=100");
    const actions = JSON.stringify(audit.json);
    for (const a of ["deployment.create", "deployment.halted", "deployment.rollback"]) expect(actions).toContain(a);
  }, 90_000);

  it("gives a late-joining tagged agent the active deployment's config", async () => {
    const templateId = await fx.template("late", [config("late-v1")]);
    const first = await fx.taggedGateway("late-00", { env: "staging" });
    collectors.push(await WsCollector.start(fx.wsUrl, "late-00", first.opamp_token));
    const d = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "env=staging" },
    });
    expect(d.status).toBe(201);
    await fx.statusIs(d.json.id, "completed");

    // A gateway registered later, tagged later, connected later: it joins the completed selector deployment.
    const gw = await fx.registerGateway("late-01");
    const joiner = await WsCollector.start(fx.wsUrl, "late-01", gw.opamp_token);
    collectors.push(joiner);
    await new Promise((r) => setTimeout(r, 500));
    expect(joiner.received).toEqual([]); // untagged: nothing targets it yet
    await fx.api("PUT", `/api/v1/gateways/${gw.id}/tags`, { tags: { env: "staging" } });
    const row = await waitFor(async () => {
      const rows: Row[] = (await fx.deployment(d.json.id)).gateways.items;
      return rows.find((r) => r.name === "late-01" && r.status === "applied");
    }, 10_000);
    expect(joiner.applied).toBe(row.config_hash);
    expect((await fx.gateway(gw.id)).remote_config_status).toMatchObject({
      status: "APPLIED",
      last_remote_config_hash: row.config_hash,
    });
  }, 60_000);
});
