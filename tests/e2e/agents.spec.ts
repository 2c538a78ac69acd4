import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import {
  adminAuth,
  AgentDetailPage,
  AgentsPage,
  fullState,
  heartbeat,
  registerGateway,
  unique,
  untilCommand,
} from "./pages/agents";
import { TestAgent } from "../helpers/opamp-ws-client";
import { runCli } from "./pages/cli";

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
});

test("a registered gateway appears, then turns healthy after a heartbeat without a reload", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-live"));
  const agents = new AgentsPage(page);
  await agents.goto(`q=${gw.name}`);
  const row = agents.row(gw.name);
  await expect(row.getByTestId("status-badge")).toHaveText("registered");
  await expect(row.getByTestId("health")).toHaveAttribute("data-health", "unknown");
  await expect(row).toContainText("never");
  await expect(row).toContainText("1.2.3");

  // Marks the document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  expect((await heartbeat(request, gw)).status()).toBe(200);
  // SWR refreshes every 8 s.
  await expect(row.getByTestId("status-badge")).toHaveText("active", { timeout: 15_000 });
  await expect(row.getByTestId("health")).toHaveAttribute("data-health", "healthy");
  await expect(row.getByTestId("health")).toContainText("100");
  await expect(row.getByRole("time")).toHaveText(/^\d+ s ago$/);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
});

test("search, status, health and tag filters live in the URL; no matches has its own state", async ({
  page,
  request,
}) => {
  const prefix = unique("e2e-flt");
  const healthy = await registerGateway(request, `${prefix}-a`);
  const idle = await registerGateway(request, `${prefix}-b`);
  expect((await heartbeat(request, healthy)).status()).toBe(200);
  const tagged = await request.put(`/api/v1/gateways/${idle.id}/tags`, {
    headers: adminAuth(),
    data: { tags: { team: prefix.replace(/[^a-z0-9]/g, "") } },
  });
  expect(tagged.status()).toBe(200);

  const agents = new AgentsPage(page);
  await agents.goto();
  await agents.search(prefix);
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  await expect(agents.rows).toHaveCount(2);

  await agents.filter("Health", "healthy");
  await expect(page).toHaveURL(/health=healthy/);
  await expect(agents.rows).toHaveCount(1);
  await expect(agents.row(healthy.name)).toBeVisible();

  await agents.filter("Health", "");
  await agents.filter("Status", "registered");
  await expect(agents.rows).toHaveCount(1);
  await expect(agents.row(idle.name)).toBeVisible();

  // A tag in a row filters by that tag.
  await agents.filter("Status", "");
  await agents
    .row(idle.name)
    .getByRole("button", { name: /^team=/ })
    .click();
  await expect(page).toHaveURL(/tag=team%3D/);
  await expect(agents.rows).toHaveCount(1);

  // The state survives a reload (it is the URL).
  await page.reload();
  await expect(page.getByLabel("Search gateways")).toHaveValue(prefix);
  await expect(agents.rows).toHaveCount(1);

  await agents.search(`${prefix}-nothing-like-this`);
  await expect(page.getByText("No gateways match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page.getByLabel("Search gateways")).toHaveValue("");
  await expect(page).toHaveURL(/\/agents$/);
});

test("sorting and paging are done by the server", async ({ page, request }) => {
  const prefix = unique("e2e-page");
  for (const s of ["c", "a", "b"]) await registerGateway(request, `${prefix}-${s}`);
  const agents = new AgentsPage(page);
  await agents.goto(`q=${prefix}&limit=2`);
  await expect(page.getByTestId("table-range")).toHaveText("1–2 of 3");
  await expect(agents.rows.getByTestId("agent-link")).toHaveText([`${prefix}-a`, `${prefix}-b`]);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(agents.rows.getByTestId("agent-link")).toHaveText([`${prefix}-c`]);

  await page.getByRole("button", { name: "Previous page" }).click();
  // Without ?sort the server sorts by name ascending, and the header says so; a click reverses it.
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&order=desc/);
  await expect(agents.rows.getByTestId("agent-link")).toHaveText([`${prefix}-c`, `${prefix}-b`]);
});

test("the detail page shows health, edits tags, rotates the token and deletes the gateway", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-detail"));
  expect(
    (await heartbeat(request, gw, { metrics: { logs_processed: 1234, errors: 2, latency_ms: 12.5 } })).status(),
  ).toBe(200);
  const detail = new AgentDetailPage(page);
  await new AgentsPage(page).goto(`q=${gw.name}`);
  await page.getByRole("link", { name: gw.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: gw.name })).toBeVisible();

  await expect(detail.fact("Health").getByTestId("health")).toHaveAttribute("data-health", "healthy");
  await expect(detail.fact("Health")).toContainText("100");
  await expect(detail.fact("Last seen")).toHaveText(/s ago$/);
  await expect(detail.fact("Uptime")).toHaveText(/\d+ s|min/);
  await expect(detail.fact("Hostname")).toHaveText(`${gw.name}.example.test`);
  await expect(detail.fact("Agent version")).toHaveText("1.2.3");
  await expect(detail.fact("Logs processed")).toHaveText("1,234");
  await expect(detail.fact("Latency")).toHaveText("12.5 ms");

  // Tags: add two, save, and the API agrees.
  await page.getByRole("button", { name: "Edit tags" }).click();
  await page.getByLabel("Tag 1 key").fill("env");
  await page.getByLabel("Tag 1 value").fill("e2e");
  await page.getByRole("button", { name: "Add tag" }).click();
  await page.getByLabel("Tag 2 key").fill("bad key!");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByTestId("tags-editor").getByRole("alert")).toContainText('Invalid tag key "bad key!"');
  await page.getByLabel("Tag 2 key").fill("region");
  await page.getByLabel("Tag 2 value").fill("eu-1");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByTestId("tag")).toHaveText(["env=e2e", "region=eu-1"]);
  const fromApi = await (await request.get(`/api/v1/gateways/${gw.id}`, { headers: adminAuth() })).json();
  expect(fromApi.tags).toEqual([
    { key: "env", value: "e2e" },
    { key: "region", value: "eu-1" },
  ]);

  // Rotate: the new token is shown once; the old one stops working, the new one works.
  const dialog = await detail.confirm("Rotate token", "Rotate token");
  const fresh = (await dialog.getByTestId("rotated-token-value").textContent())!;
  expect(fresh).not.toBe(gw.opamp_token);
  expect((await heartbeat(request, gw)).status()).toBe(401);
  expect((await heartbeat(request, { ...gw, opamp_token: fresh })).status()).toBe(200);
  await page.keyboard.press("Escape");

  await page.getByRole("tab", { name: "Events" }).click();
  await expect(page.getByTestId("event-row").first()).toBeVisible();
  await expect(page.getByTestId("event-row").filter({ hasText: "OpAMP token rotated" })).toHaveCount(1);
  await expect(page.getByTestId("event-row").filter({ hasText: "Tags changed" })).toHaveCount(1);

  // Restart registration shows the call to make with a registration token.
  await page.getByRole("button", { name: "Restart registration" }).click();
  await expect(page.getByTestId("restart-registration-command")).toContainText(
    `/api/v1/gateways/${gw.id}/restart-registration?org_id=`,
  );
  await page.keyboard.press("Escape");

  // This agent never said it accepts restarts, so there is no Restart button.
  await expect(page.getByRole("button", { name: "Restart", exact: true })).toHaveCount(0);

  await detail.confirm("Delete", "Delete gateway");
  await expect(page).toHaveURL(/\/agents$/);
  expect((await request.get(`/api/v1/gateways/${gw.id}`, { headers: adminAuth() })).status()).toBe(404);
});

test("the Configuration tab shows the desired and effective config with copy and download", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-config"));
  const detail = new AgentDetailPage(page);
  await detail.goto(gw.id, gw.name);
  await page.getByRole("tab", { name: "Configuration" }).click();
  await expect(page.getByText("Desired config", { exact: true })).toBeVisible();
  await expect(page.getByText("Effective config", { exact: true })).toBeVisible();
  await expect(
    page.getByText("Not reported. Agents with the ReportsEffectiveConfig capability send it over OpAMP."),
  ).toBeVisible();
});

test("an unknown gateway id is a 404 page", async ({ page }) => {
  const res = await page.goto("/agents/00000000-0000-4000-8000-000000000000");
  expect(res?.status()).toBe(404);
});

test("a live OpAMP agent: connection, capabilities, health tree, remote config error, effective config, restart and logs", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-opamp"));
  // The endpoint handed out at registration is the one the agent uses.
  const agent = await TestAgent.connect(gw.opamp_endpoint, gw.opamp_token);
  try {
    await agent.request(fullState());
    await expect
      .poll(
        async () => {
          const d = await (await request.get(`/api/v1/gateways/${gw.id}`, { headers: adminAuth() })).json();
          return d.connection_state === "connected" && d.component_health !== null && d.capabilities_bits !== null;
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    const detail = new AgentDetailPage(page);
    await detail.goto(gw.id, gw.name);
    await expect(detail.fact("OpAMP")).toHaveText("connected");
    await expect(detail.fact("Transport")).toHaveText("websocket");
    await expect(detail.fact("Agent version")).toHaveText("0.136.0");
    await expect(page.getByTestId("capabilities")).toContainText("AcceptsRestartCommand");
    await expect(page.getByTestId("capabilities")).toContainText("ReportsOwnLogs");
    await expect(page.getByTestId("remote-config-error")).toHaveText("unknown exporter type otlpx");
    const unhealthy = page.getByTestId("component-health-node").filter({ hasText: "exporter:otlp" }).last();
    await expect(unhealthy).toHaveAttribute("data-healthy", "false");
    await expect(unhealthy).toContainText("otlp exporter: connection refused");

    await page.getByRole("tab", { name: "Configuration" }).click();
    await expect(page.getByLabel("effective config")).toContainText("debug: {}");

    // Restart is offered because the agent accepts it, and the agent gets the OpAMP Restart command.
    await page.getByRole("tab", { name: "Overview" }).click();
    await detail.confirm("Restart", "Restart agent");
    await expect(page.getByRole("status").filter({ hasText: "Restart requested." })).toBeVisible();
    expect((await untilCommand(agent)).command).toBeDefined();

    // Logs tab: lines sent over OTLP/HTTP appear, then new ones follow without a reload.
    const sendLog = (body: string, severityText = "INFO") =>
      request.post("/api/v1/otlp/v1/logs", {
        headers: { authorization: `Bearer ${gw.opamp_token}`, "content-type": "application/json" },
        data: {
          resourceLogs: [
            {
              scopeLogs: [
                { logRecords: [{ timeUnixNano: `${Date.now()}000000`, severityText, body: { stringValue: body } }] },
              ],
            },
          ],
        },
      });
    expect((await sendLog("collector started")).status()).toBe(200);
    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.getByTestId("log-line")).toHaveText([/collector started/]);
    expect((await sendLog("exporter failed", "ERROR")).status()).toBe(200);
    await expect(page.getByTestId("log-line")).toHaveText([/collector started/, /ERROR\s*exporter failed/]);

    // A clean disconnect shows within one refresh.
    await agent.disconnect();
    await page.getByRole("tab", { name: "Overview" }).click();
    await expect(detail.fact("OpAMP")).toHaveText("disconnected", { timeout: 15_000 });
  } finally {
    agent.ws.close();
  }
});

test("a viewer sees gateways and their detail, but no actions, tag editor or token form", async ({
  request,
  browser,
}) => {
  const gw = await registerGateway(request, unique("e2e-viewer"));
  const email = `${unique("viewer")}@example.test`;
  runCli(["user", "create", "--email", email, "--password", "viewer-password", "--org", "default", "--role", "viewer"]);
  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  try {
    await new AppShell(viewerPage).signIn(email, "viewer-password");
    const detail = new AgentDetailPage(viewerPage);
    await detail.goto(gw.id, gw.name);
    await expect(detail.fact("Hostname")).toHaveText(`${gw.name}.example.test`);
    for (const name of ["Rotate token", "Delete", "Restart registration", "Edit tags"]) {
      await expect(viewerPage.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await viewerPage.goto("/registration-tokens");
    await expect(viewerPage.getByText("Only admins can create registration tokens.")).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
