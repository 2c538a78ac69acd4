import client from "prom-client";
import { describe, expect, it } from "vitest";
import { TallyHistogram } from "./tally-histogram";

describe("TallyHistogram", () => {
  it("renders exactly as prom-client's Histogram with the same observations", async () => {
    const buckets = [0.001, 0.01, 0.1];
    const theirs = new client.Registry();
    const ours = new client.Registry();
    const reference = new client.Histogram({
      name: "h",
      help: "help",
      labelNames: ["t"],
      buckets,
      registers: [theirs],
    });
    const tally = new TallyHistogram("h", "help", "t", buckets, ours);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    for (const [t, v] of [
      ["a", 0.0005],
      ["b", 0.01],
      ["a", 0.05],
      ["a", 3],
      ["b", 0.001],
    ] as const) {
      reference.observe({ t }, v);
      tally.observe(t, v);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
