import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabaseTarget, usingPostgres, type TestDatabaseTarget } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture } from "./opamp-fixtures";

const servers: TestServer[] = [];
let target: TestDatabaseTarget | undefined;
afterAll(async () => {
  for (const s of servers) await s.stop();
  await target?.drop();
});

describe("two server processes on one database", () => {
  it("pushes events made on one server to an agent connected to the other within a second (PostgreSQL only: PGlite is single-process)", async () => {
    if (!usingPostgres()) return;
    target = await createTestDatabaseTarget();
    const a = await startServer({ target });
    servers.push(a);
    const b = await startServer({ target });
    servers.push(b);
    const onA = opampFixture(a);
    const onB = opampFixture(b);
    const gw = await onA.registerGateway("cluster-1");
    const caps = Caps.ReportsStatus | Caps.AcceptsRemoteConfig | Caps.ReportsRemoteConfig | Caps.AcceptsRestartCommand;
    const agent = await TestAgent.connect(onB.wsUrl, gw.opamp_token);
    await agent.request({
      capabilities: caps,
      agent_description: { identifying_attributes: [kv("service.name", "c")] },
      remote_config_status: {},
    });

    expect((await onA.api("POST", `/api/v1/gateways/${gw.id}/restart`)).status).toBe(202);
    expect((await agent.next(2_000)).command).toEqual({});

    await onA.setBaseConfig("cluster-base");
    const push = await agent.next(2_000);
    expect(push.remote_config.config.config_map[""].body.toString()).toContain("# cluster-base for cluster-1");

    // The same gateway connecting to server A replaces the connection held by server B.
    const newer = await TestAgent.connect(onA.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    expect((await newer.request({ capabilities: caps })).error_response).toBeUndefined(); // its first message claims it
    expect((await agent.closed).code).toBe(4002);
    newer.ws.close();
  }, 120_000);
});
