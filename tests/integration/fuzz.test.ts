import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { fuzzServer } from "../fuzz/setup";

// The bounded run of `npm run fuzz` (tests/fuzz/): random and mutated AgentToServer bytes over the real WebSocket
// and HTTP transports, and random JSON to every JSON-body REST route. Bad input must never be a 5xx or UNAVAILABLE.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: "warn" } });
});
afterAll(async () => {
  await server?.stop();
});

it(
  "answers random OpAMP and REST input without a 5xx, UNAVAILABLE or internal-error close",
  { timeout: 120_000 },
  async () => {
    const out = await fuzzServer(server, { ws: 200, http: 100, rest: 300 });
    expect(out.total).toBe(600);
    expect(Object.fromEntries([...out.examples])).toEqual({});
    expect(out.failures()).toEqual([]);
  },
);
