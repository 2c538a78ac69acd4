import { describe, expect, it } from "vitest";
import { config, waitFor } from "./deployments-fixtures";
import { GATES, gatesSuite } from "./gates-fixtures";

const suite = gatesSuite();

describe("rollouts judged by telemetry (real OpAMP agents, own metrics over OTLP)", () => {
  it("refuses a gate it does not know and a watch of 0 s", async () => {
    const templateId = await suite.fx.template("gate-input", [config("v1")]);
    await suite.fx.taggedGateway("gate-input-0", { fleet: "gate-input" });
    const bad = await suite.fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=gate-input" },
      strategy: { type: "progressive", batch_size: 1, gates: { watch_seconds: 1, volume_percent: 5 } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("volume_percent");
    const zero = await suite.fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=gate-input" },
      strategy: { type: "all_at_once", gates: { watch_seconds: 0 } },
    });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.json)).toContain("watch_seconds must be at least 1");
  });

  it("promotes every batch while volume, failures and drops hold, recording each verdict with its figures", async () => {
    const templateId = await suite.fx.template("gate-good", [config("v1"), config("v2", "batch/v2")]);
    const agents = await suite.fleet("good", 4, "# v2");
    const d = await suite.fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=good" },
      strategy: { type: "progressive", batch_size: 2, gates: { ...GATES, rollback: true } },
    });
    expect(d.status).toBe(201);
    expect(d.json.strategy.gates).toMatchObject(GATES);

    // While the first batch is watched, the page's source shows it as such.
    const watching = await waitFor(async () => {
      const x = await suite.fx.deployment(d.json.id);
      return x.gates?.state === "watching" && x;
    }, 20_000);
    expect(watching.gates).toMatchObject({ batch: 0, watch_seconds: 4, gateways: 2 });

    const done = await suite.fx.statusIs(d.json.id, "completed", 40_000);
    expect(done.progress).toMatchObject({ applied: 4, failed: 0 });
    expect(done.gates).toMatchObject({ batch: 1, state: "passed" });
    const volume = done.gates.results.find((r: { gate: string }) => r.gate === "volume");
    expect(volume.state).toBe("pass");
    expect(Math.abs(volume.measured)).toBeLessThanOrEqual(50);
    expect(volume.before).toBe(1000);

    const passed = (await suite.auditOf(d.json.id)).filter((a) => a.action === "deployment.gates_passed");
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
    const templateId = await suite.fx.template("gate-bad", [config("v1"), config("v2", "filter/dropall")]);
    const agents = await suite.fleet("bad", 4, "# v2");
    const d = await suite.fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "fleet=bad" },
      strategy: { type: "progressive", batch_size: 2, gates: { ...GATES, rollback: true } },
    });
    expect(d.status).toBe(201);

    const rollback = await waitFor(async () => {
      const list = await suite.fx.api("GET", "/api/v1/deployments?limit=100");
      return (list.json.items as { id: string; rollback_of: string }[]).find((x) => x.rollback_of === d.json.id);
    }, 40_000);
    await suite.fx.statusIs(rollback.id, "completed", 20_000);

    const original = await suite.fx.deployment(d.json.id);
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

    const audit = await suite.auditOf(d.json.id);
    const halted = audit.find((a) => a.action === "deployment.halted");
    expect(halted?.details).toMatchObject({
      reason: "gates",
      breached: ["volume"],
      batch: 0,
      gates: { volume: { measured: -100, threshold: 50, state: "fail" } },
    });
    const rb = (await suite.auditOf(rollback.id)).find((a) => a.action === "deployment.rollback");
    expect(rb).toMatchObject({ details: { rollback_of: d.json.id, from_version: 2, to_version: 1 } });
    // Every agent ends on v1: the first batch went back, the second never left it.
    await waitFor(async () => agents.every((a) => a.collector.config?.startsWith("# v1")), 15_000);
    expect(agents.slice(2).every((a) => !a.collector.received.length || a.collector.config?.startsWith("# v1"))).toBe(
      true,
    );
  }, 90_000);
});
