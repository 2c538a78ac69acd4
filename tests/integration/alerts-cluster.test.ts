import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabaseTarget, type TestDatabaseTarget } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";
import { startReceiver } from "./alerts-receiver";

const servers: TestServer[] = [];
let target: TestDatabaseTarget | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterAll(async () => {
  for (const s of servers) await s.stop();
  await target?.drop();
  await receiver?.close();
});

const hello = {
  capabilities: Caps.ReportsStatus | Caps.ReportsHeartbeat,
  agent_description: { identifying_attributes: [kv("service.name", "otelcol")] },
};

describe("alerts on two server processes sharing one database", () => {
  // PGlite is single-process: two servers cannot share it.
  it.skipIf(!process.env.DATABASE_URL)(
    "delivers exactly one notification per firing and one per resolve",
    async () => {
      receiver = await startReceiver({ "/hook": 1 });
      target = await createTestDatabaseTarget();
      const env = { FLOWGATE_ALERTS_TICK_MS: "50", FLOWGATE_ALERTS_RETRY_BASE_MS: "300" };
      const a = await startServer({ target, env });
      servers.push(a);
      const b = await startServer({ target, env });
      servers.push(b);
      const onA = opampFixture(a);
      const onB = opampFixture(b);
      const ch = await onA.api("POST", "/api/v1/alerts/channels", {
        name: "hook",
        kind: "webhook",
        url: `${receiver.url}/hook`,
      });
      receiver.setSecret("/hook", ch.json.secret);
      expect(
        (
          await onB.api("POST", "/api/v1/alerts/rules", {
            name: "down",
            kind: "gateway_down",
            params: { for_minutes: 0 },
          })
        ).status,
      ).toBe(201);

      const gw = await onA.registerGateway("cluster-alert");
      const agent = await TestAgent.connect(onA.wsUrl, gw.opamp_token);
      await agent.request(hello);
      await agent.disconnect();
      await waitFor(async () => receiver!.at("/hook").filter((r) => r.json.event === "firing").length >= 2, 20_000, 50);
      const back = await TestAgent.connect(onB.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
      await back.request(hello);
      await waitFor(async () => receiver!.at("/hook").some((r) => r.json.event === "resolved"), 20_000, 50);
      // Both replicas keep ticking every 50 ms: give them time to (wrongly) send again.
      await new Promise((r) => setTimeout(r, 2_000));
      back.ws.close();

      const got = receiver.at("/hook");
      expect(got.every((r) => r.verified)).toBe(true);
      // The first attempt of the firing was refused (500) and retried once: two requests, one notification.
      expect(got.map((r) => r.json.event)).toEqual(["firing", "firing", "resolved"]);
      expect(new Set(got.filter((r) => r.json.event === "firing").map((r) => r.json.id)).size).toBe(1);
      const list = (await onB.api("GET", "/api/v1/alerts/notifications")).json.items;
      expect(list.map((n: { event: string }) => n.event)).toEqual(["resolved", "firing"]);
    },
    180_000,
  );
});
