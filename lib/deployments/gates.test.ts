import { describe, expect, it } from "vitest";
import { judge, type Totals } from "./gates";

const totals = (before: Record<string, number>, after: Record<string, number>, minutes = [10, 5]): Totals => ({
  before: { minutes: minutes[0], sums: before },
  after: { minutes: minutes[1], sums: after },
});
const seen = (before: string[], after: string[]) => ({ before: new Set(before), after: new Set(after) });
const healthy = (ids: string[], unhealthy: string[] = []) =>
  ids.map((gatewayId) => ({ gatewayId, healthy: !unhealthy.includes(gatewayId), gatewayStatus: "active" }));
const GATES = { watch_seconds: 60, export_failures_per_min: 5, drop_percent: 2, volume_change_percent: 30 };
const byGate = (r: ReturnType<typeof judge>) => Object.fromEntries(r.map((g) => [g.gate, g]));

describe("gate judgement", () => {
  const steady = totals(
    { exporter_sent: 10_000, receiver_accepted: 10_000, processor_dropped: 100, exporter_send_failed: 10 },
    { exporter_sent: 5_200, receiver_accepted: 5_000, processor_dropped: 50, exporter_send_failed: 5 },
  );

  it("passes a steady batch when the watch ends, and only watches before", () => {
    const r = byGate(judge(GATES, steady, seen(["a", "b"], ["a", "b"]), healthy(["a", "b"]), true));
    expect(r.volume).toMatchObject({ before: 1000, after: 1040, measured: 4, state: "pass" });
    expect(r.export_failures).toMatchObject({ before: 1, after: 1, measured: 0, state: "pass" });
    expect(r.drops).toMatchObject({ before: 1, after: 1, measured: 0, state: "pass" });
    expect(r.reporting).toMatchObject({ measured: 0, state: "pass" });
    expect(r.health).toMatchObject({ measured: 0, state: "pass" });
    const early = judge(GATES, steady, seen(["a", "b"], ["a"]), healthy(["a", "b"]), false);
    expect(early.filter((g) => g.gate !== "health").every((g) => g.state === "watching")).toBe(true);
  });

  it("fails each gate on its own breach", () => {
    const bad = totals(
      { exporter_sent: 10_000, receiver_accepted: 10_000, processor_dropped: 0, exporter_send_failed: 0 },
      { exporter_sent: 0, receiver_accepted: 5_000, processor_dropped: 500, exporter_enqueue_failed: 30 },
    );
    const r = byGate(judge(GATES, bad, seen(["a", "b"], ["a"]), healthy(["a", "b"], ["b"]), true));
    expect(r.volume).toMatchObject({ measured: -100, state: "fail" }); // a filter dropping everything
    expect(r.export_failures).toMatchObject({ measured: 6, state: "fail" });
    expect(r.drops).toMatchObject({ measured: 10, state: "fail" });
    expect(r.reporting).toMatchObject({ measured: 1, before: 2, after: 1, state: "fail" });
    expect(r.health).toMatchObject({ measured: 1, state: "fail" });
  });

  it("says no_data when there is nothing to compare, and leaves out gates without a threshold", () => {
    const r = judge(
      { watch_seconds: 60, volume_change_percent: 10, reporting: false, healthy: false },
      totals({}, { exporter_sent: 100 }, [0, 1]),
      seen([], ["a"]),
      healthy(["a"]),
      true,
    );
    expect(r).toEqual([expect.objectContaining({ gate: "volume", before: null, state: "no_data" })]);
  });
});
