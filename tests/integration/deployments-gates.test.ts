import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { config, deployFixture, waitFor, WsCollector } from "./deployments-fixtures";
import { MeteredCollector } from "./gates-fixtures";

let server: TestServer;
let fx: ReturnType<typeof deployFixture>;
const collectors: WsCollector[] = [];
const metered: MeteredCollector[] = [];

beforeAll(async () => {
  // Gates are watched for seconds here; the server refuses less than a minute unless told otherwise.
  server = await startServer({ env: { FLOWGATE_GATE_MIN_WATCH_SECONDS: "1" } });
  fx = deployFixture(server);
});
afterAll(async () => {
  metered.forEach((m) => m.stop());
  await Promise.all(collectors.map((c) => c.stop().catch(() => {})));
  await server?.stop();
});

const GATES = {
  watch_seconds: 4,
  volume_change_percent: 50,
  export_failures_per_min: 10,
  drop_percent: 5,
};

/** `n` tagged gateways with agents over WebSocket that report own metrics (history now, live once on `live`). */
async function fleet(prefix: string, n: number, live: string) {
  const out: MeteredCollector[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${prefix}-${i}`;
    const gw = await fx.taggedGateway(name, { fleet: prefix });
    const c = await WsCollector.start(fx.wsUrl, name, gw.opamp_token);
    collectors.push(c);
    const m = new MeteredCollector(server, gw.opamp_token, c, { live, dropAll: "filter/dropall" });
    await m.history();
    m.run();
    out.push(m);
  }
  metered.push(...out);
  return out;
}

type Audit = { action: string; target_id: string; details: Record<string, unknown> };
async function auditOf(id: string): Promise<Audit[]> {
  const r = await fx.api("GET", "/api/v1/settings/audit-log?limit=100");
  expect(r.status).toBe(200);
  return (r.json.items as Audit[]).filter((a) => a.target_id === id).reverse();
}

describe("rollouts judged by telemetry (real OpAMP agents, own metrics over OTLP)", () => {
  it("refuses a gate it does not know and a watch of 0 s", async () => {
    const templateId = await fx.template("gate-input", [config("v1")]);
    await fx.taggedGateway("gate-input-0", { fleet: "gate-input" });
    const bad = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=gate-input" },
      strategy: { type: "progressive", batch_size: 1, gates: { watch_seconds: 1, volume_percent: 5 } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("volume_percent");
    const zero = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=gate-input" },
      strategy: { type: "all_at_once", gates: { watch_seconds: 0 } },
    });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.json)).toContain("watch_seconds must be at least 1");
  });

  it("promotes every batch while volume, failures and drops hold, recording each verdict with its figures", async () => {
    const templateId = await fx.template("gate-good", [config("v1"), config("v2", "batch/v2")]);
    const agents = await fleet("good", 4, "# v2");
    const d = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=good" },
      strategy: { type: "progressive", batch_size: 2, gates: { ...GATES, rollback: true } },
    });
    expect(d.status).toBe(201);
    expect(d.json.strategy.gates).toMatchObject(GATES);

    // While the first batch is watched, the page's source shows it as such.
    const watching = await waitFor(async () => {
      const x = await fx.deployment(d.json.id);
      return x.gates?.state === "watching" && x;
    }, 20_000);
    expect(watching.gates).toMatchObject({ batch: 0, watch_seconds: 4, gateways: 2 });

    const done = await fx.statusIs(d.json.id, "completed", 40_000);
    expect(done.progress).toMatchObject({ applied: 4, failed: 0 });
    expect(done.gates).toMatchObject({ batch: 1, state: "passed" });
    const volume = done.gates.results.find((r: { gate: string }) => r.gate === "volume");
    expect(volume.state).toBe("pass");
    expect(Math.abs(volume.measured)).toBeLessThanOrEqual(50);
    expect(volume.before).toBe(1000);

    const passed = (await auditOf(d.json.id)).filter((a) => a.action === "deployment.gates_passed");
    expect(passed.map((a) => a.details.batch)).toEqual([0, 1]);
    expect(passed[0].details.gates).toMatchObject({
      volume: { threshold: 50, state: "pass", before: 1000 },
      export_failures: { threshold: 10, state: "pass" },
      drops: { threshold: 5, state: "pass" },
      reporting: { measured: 0, state: "pass" },
      health: { measured: 0, state: "pass" },
    });
    expect(agents.flatMap((a) => a.errors)).toEqual([]);
  }, 90_000);

  it("halts at the first batch when a config drops all output, and rolls back on its own", async () => {
    const templateId = await fx.template("gate-bad", [config("v1"), config("v2", "filter/dropall")]);
    const agents = await fleet("bad", 4, "# v2");
    const d = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=bad" },
      strategy: { type: "progressive", batch_size: 2, gates: { ...GATES, rollback: true } },
    });
    expect(d.status).toBe(201);

    const rollback = await waitFor(async () => {
      const list = await fx.api("GET", "/api/v1/deployments?limit=100");
      return (list.json.items as { id: string; rollback_of: string }[]).find((x) => x.rollback_of === d.json.id);
    }, 40_000);
    await fx.statusIs(rollback.id, "completed", 20_000);

    const original = await fx.deployment(d.json.id);
    expect(original.status).toBe("superseded");
    expect(original.current_batch).toBe(0); // the second batch was never released
    expect(
      original.gateways.items
        .filter((r: { batch: number }) => r.batch === 1)
        .map((r: { released_at: string | null }) => r.released_at),
    ).toEqual([null, null]);
    expect(original.gates).toMatchObject({ batch: 0, state: "failed", gateways: 2 });
    const volume = original.gates.results.find((r: { gate: string }) => r.gate === "volume");
    expect(volume).toMatchObject({ state: "fail", measured: -100, after: 0, before: 1000, threshold: 50 });

    const audit = await auditOf(d.json.id);
    const halted = audit.find((a) => a.action === "deployment.halted");
    expect(halted?.details).toMatchObject({
      reason: "gates",
      breached: ["volume"],
      batch: 0,
      gates: { volume: { measured: -100, threshold: 50, state: "fail" } },
    });
    const rb = (await auditOf(rollback.id)).find((a) => a.action === "deployment.rollback");
    expect(rb).toMatchObject({ details: { rollback_of: d.json.id, from_version: 2, to_version: 1 } });
    // Every agent ends on v1: the first batch went back, the second never left it.
    await waitFor(async () => agents.every((a) => a.collector.config?.startsWith("# v1")), 15_000);
    expect(agents.slice(2).every((a) => !a.collector.received.length || a.collector.config?.startsWith("# v1"))).toBe(
      true,
    );
  }, 90_000);
});
