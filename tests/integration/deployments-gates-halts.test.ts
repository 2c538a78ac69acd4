import { describe, expect, it } from "vitest";
import { config } from "./deployments-fixtures";
import { GATES, gatesSuite, type Misbehaviour } from "./gates-fixtures";

/**
 * Each gate other than volume (see deployments-gates.test.ts) halting a rollout at its first batch: a config that
 * makes the collector fail sends, drop, go silent or report an unhealthy exporter. No rollback is asked for, so
 * the deployment stays halted with the second batch never released.
 */

const suite = gatesSuite();

/**
 * Four metered gateways (history now, live on v2) whose v2 misbehaves as told; deploys v2 in batches of two with
 * the gates and returns the deployment once halted, with its halt's audit entry.
 */
async function haltedBy(name: string, misbehave: Misbehaviour, gates: Record<string, unknown> = GATES) {
  const templateId = await suite.fx.template(`gate-${name}`, [config("v1"), config("v2", misbehave.marker)]);
  const agents = await suite.fleet(name, 4, "# v2", misbehave);
  const d = await suite.fx.api("POST", "/api/v1/deployments", {
    template_id: templateId,
    target: { selector: `fleet=${name}` },
    strategy: { type: "progressive", batch_size: 2, gates: { ...gates, rollback: false } },
  });
  expect(d.status).toBe(201);
  await suite.fx.statusIs(d.json.id, "halted", 40_000);
  const deployment = await suite.fx.deployment(d.json.id);
  // The first batch ran v2; the second was never released and never saw it.
  expect(deployment.current_batch).toBe(0);
  const rows = deployment.gateways.items as { batch: number; status: string; released_at: string | null }[];
  expect(rows.filter((r) => r.batch === 0).map((r) => r.status)).toEqual(["applied", "applied"]);
  expect(rows.filter((r) => r.batch === 1).map((r) => r.released_at)).toEqual([null, null]);
  expect(agents.slice(2).every((a) => a.collector.received.length === 0)).toBe(true);
  expect(agents.flatMap((a) => a.errors)).toEqual([]);

  const audit = await suite.auditOf(d.json.id);
  expect(audit.some((a) => a.action === "deployment.rollback" || a.action === "deployment.gates_passed")).toBe(false);
  const halted = audit.filter((a) => a.action === "deployment.halted");
  expect(halted).toHaveLength(1);
  expect(halted[0].details).toMatchObject({ reason: "gates", batch: 0 });
  // Halted stays halted: no rollback deployment is made.
  const list = await suite.fx.api("GET", "/api/v1/deployments?limit=100");
  expect((list.json.items as { rollback_of: string | null }[]).some((x) => x.rollback_of === d.json.id)).toBe(false);
  return { deployment, halted: halted[0].details as { breached: string[]; gates: Record<string, GateFigures> } };
}
type GateFigures = { measured: number; threshold: number; before: number | null; after: number | null; state: string };

describe("each gate halts a rollout (real OpAMP agents, own metrics over OTLP)", () => {
  it("halts when the exporter's send failures climb above the threshold", async () => {
    const { deployment, halted } = await haltedBy("fails", { marker: "batch/failing", failing: 0.2 });
    expect(halted.breached).toEqual(["export_failures"]);
    const f = halted.gates.export_failures;
    expect(f).toMatchObject({ threshold: 10, before: 0, state: "fail" });
    // 20 % of 1000 per minute fail; the first report after applying carries no growth, so somewhat less.
    expect(f.measured).toBeGreaterThan(100);
    expect(f.measured).toBeLessThanOrEqual(220);
    expect(f.after).toBe(f.measured);
    expect(halted.gates.volume.state).toBe("pass");
    expect(deployment.gates).toMatchObject({ batch: 0, state: "failed" });
  }, 90_000);

  it("halts when the dropped share rises above drop_percent", async () => {
    const { halted } = await haltedBy("drops", { marker: "batch/dropping", dropping: 0.2 });
    expect(halted.breached).toEqual(["drops"]);
    const f = halted.gates.drops;
    expect(f).toMatchObject({ threshold: 5, before: 0, state: "fail" });
    expect(f.measured).toBeGreaterThan(15);
    expect(f.measured).toBeLessThanOrEqual(25);
    expect(halted.gates.export_failures.state).toBe("pass");
  }, 90_000);

  it("halts when the gateways stop reporting their own metrics", async () => {
    const { halted } = await haltedBy("silent", { marker: "batch/silent", silent: true });
    expect(halted.breached).toEqual(["reporting"]);
    expect(halted.gates.reporting).toMatchObject({ measured: 2, before: 2, after: 0, threshold: 0, state: "fail" });
    // Nothing after to compare: the metric gates have no data rather than a verdict.
    expect(halted.gates.volume.state).toBe("no_data");
  }, 90_000);

  it("halts at once, before the watch ends, when an exporter turns unhealthy", async () => {
    const started = Date.now();
    const { deployment, halted } = await haltedBy(
      "unhealthy",
      { marker: "batch/unhealthy", unhealthy: "connection refused: otlp.example:4318" },
      { ...GATES, watch_seconds: 120 },
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(halted.breached).toEqual(["health"]);
    // The first agent to report an unhealthy exporter halts the batch; the other may not have reported yet.
    const health = halted.gates.health;
    expect(health).toMatchObject({ threshold: 0, state: "fail" });
    expect([1, 2]).toContain(health.measured);
    expect(health.after).toBe(2 - health.measured);
    expect(halted.gates.volume.state).toBe("watching");
    expect(deployment.gates).toMatchObject({ batch: 0, state: "failed", watch_seconds: 120 });
    expect(new Date(deployment.gates.watch_ends_at).getTime()).toBeGreaterThan(Date.now());
  }, 90_000);
});
