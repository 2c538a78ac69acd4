import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { batched } from "./batch";

/** A load whose rounds can be finished one at a time, recording the keys of each. */
function controlledLoad() {
  const rounds: string[][] = [];
  const finish: Array<(fail?: Error) => void> = [];
  const load = (keys: string[]) => {
    const round = rounds.push(keys);
    return new Promise<Map<string, string>>((resolve, reject) => {
      finish.push((fail) => (fail ? reject(fail) : resolve(new Map(keys.map((k) => [k, `v-${k}-${round}`])))));
    });
  };
  return { rounds, finish, load };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("batched look-ups", () => {
  beforeEach(() => {
    process.env.FLOWGATE_OPAMP_BATCH_LINGER_MS = "0"; // rounds start on the next tick
  });
  afterEach(() => {
    delete process.env.FLOWGATE_OPAMP_BATCH_LINGER_MS;
  });

  it("with a linger, holds the round that long so later keys join it", async () => {
    process.env.FLOWGATE_OPAMP_BATCH_LINGER_MS = "40";
    const c = controlledLoad();
    const get = batched(c.load);
    const asked = [get("a")];
    await tick();
    expect(c.rounds).toEqual([]); // still lingering
    await new Promise((r) => setTimeout(r, 10));
    asked.push(get("b"));
    await new Promise((r) => setTimeout(r, 60));
    expect(c.rounds).toEqual([["a", "b"]]);
    c.finish[0]();
    expect(await Promise.all(asked)).toEqual(["v-a-1", "v-b-1"]);
  });

  it("sends one round per burst, and keys asked during a round in the next one", async () => {
    const c = controlledLoad();
    const get = batched(c.load);
    const first = [get("a"), get("b"), get("a")];
    await tick();
    expect(c.rounds).toEqual([["a", "b"]]);
    const later = [get("c"), get("d")];
    await tick();
    expect(c.rounds).toHaveLength(1); // waits for the running round
    c.finish[0]();
    expect(await Promise.all(first)).toEqual(["v-a-1", "v-b-1", "v-a-1"]);
    await tick();
    expect(c.rounds[1]).toEqual(["c", "d"]);
    c.finish[1]();
    expect(await Promise.all(later)).toEqual(["v-c-2", "v-d-2"]);
  });

  it("fails only the round whose query failed, and answers unknown keys with undefined", async () => {
    const c = controlledLoad();
    const get = batched(async (keys: string[]) => {
      const found = await c.load(keys);
      found.delete("missing");
      return found;
    });
    const failing = get("x");
    await tick();
    const next = [get("y"), get("missing")];
    c.finish[0](new Error("connection lost"));
    await expect(failing).rejects.toThrow("connection lost");
    await tick();
    c.finish[1]();
    expect(await Promise.all(next)).toEqual(["v-y-2", undefined]);
  });

  it("splits a round larger than the batch limit into several queries", async () => {
    const c = controlledLoad();
    const get = batched(c.load, 2);
    const all = ["a", "b", "c", "d", "e"].map(get);
    await tick();
    expect(c.rounds).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    c.finish.forEach((f) => f());
    expect(await Promise.all(all)).toEqual(["v-a-1", "v-b-1", "v-c-2", "v-d-2", "v-e-3"]);
  });
});
