import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type TestServer } from "../helpers/server";
import { Caps, newUid, TestAgent } from "../helpers/opamp-ws-client";
import { signInWithPassword } from "../helpers/sign-in";
import { opampFixture } from "./opamp-fixtures";

// Two collectors sharing one gateway's OpAMP token: the second uid change within the window is refused with close
// 4003 and an UNAVAILABLE retry hint, instead of the two replacing each other (4002) many times a second.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: "warn" } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

it("refuses the colliding collector with 4003 and a back-off, keeps the incumbent, audits it and warns on the page", async () => {
  const fx = opampFixture(server);
  const gw = await fx.registerGateway("shared-token-1");
  const hello = { capabilities: Caps.ReportsStatus };

  const a = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
  expect((await a.request(hello)).error_response).toBeUndefined();
  // The first change of uid is a takeover (a new host, or a collector restarted without a persisted uid).
  const b = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
  expect((await b.request(hello)).error_response).toBeUndefined();
  expect((await a.closed).code).toBe(4002);

  // A reconnects at once, as a collector does after 4002: now it collides with the uid that just took over.
  const again = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: a.uid, seq: a.seq });
  const refusal = await again.request(hello);
  expect(refusal.error_response).toMatchObject({
    type: 2, // UNAVAILABLE
    retry_info: { retry_after_nanoseconds: String(60n * 1_000_000_000n) },
  });
  expect(refusal.error_response.error_message).toMatch(/different instance_uid/);
  const closed = await again.closed;
  expect(closed.code).toBe(4003);
  expect(closed.reason).toMatch(/retry after 60 s/);

  // The incumbent was not replaced and keeps being served; a second refused attempt changes nothing.
  const third = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: a.uid, seq: a.seq });
  expect((await third.request(hello)).error_response).toMatchObject({ type: 2 });
  expect((await third.closed).code).toBe(4003);
  expect((await b.request(hello)).error_response).toBeUndefined();
  expect(
    await Promise.race([b.closed.then(() => "closed"), new Promise((r) => setTimeout(() => r("open"), 300))]),
  ).toBe("open");

  // Audited once per window, with both uids; the gateway page shows the warning.
  const events = (await fx.api("GET", "/api/v1/settings/audit-log?limit=100")).json.items as {
    action: string;
    target_id: string | null;
  }[];
  expect(events.filter((e) => e.action === "gateway.shared_token_refused" && e.target_id === gw.id)).toHaveLength(1);
  const session = await signInWithPassword(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const page = await fetch(`${server.url}/agents/${gw.id}`, { headers: { cookie: session.cookie } });
  expect(await page.text()).toContain('data-testid="shared-token-warning"');

  // With the incumbent gone, a collector with yet another uid (a restart) is accepted: only a live collision counts.
  await b.disconnect();
  const restarted = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: newUid() });
  expect((await restarted.request(hello)).error_response).toBeUndefined();
  restarted.ws.close();
}, 60_000);
