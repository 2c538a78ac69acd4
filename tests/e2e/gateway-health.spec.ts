import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, AgentDetailPage, AgentsPage, fullState, registerGateway, unique } from "./pages/agents";
import { TestAgent } from "../helpers/opamp-ws-client";

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
});

const REASON = "pipeline:logs › exporter:otlp: otlp exporter: connection refused";

test("reported health: unhealthy with its reason in the table and on the page, history as sentences, greyed when offline", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-health"));
  const agent = await TestAgent.connect(gw.opamp_endpoint, gw.opamp_token);
  try {
    await agent.request(fullState());
    await expect
      .poll(
        async () => (await (await request.get(`/api/v1/gateways/${gw.id}`, { headers: adminAuth() })).json()).status,
      )
      .toBe("error");

    const agents = new AgentsPage(page);
    await agents.goto(`health=unhealthy&q=${gw.name}`);
    const row = agents.row(gw.name);
    await expect(row.getByTestId("health")).toHaveAttribute("data-health", "unhealthy");
    await expect(row).toContainText(REASON);

    const detail = new AgentDetailPage(page);
    await detail.goto(gw.id, gw.name);
    await expect(page.getByTestId("health-reason")).toHaveText(REASON);
    const failing = page.getByTestId("component-health-node").filter({ hasText: "exporter:otlp" }).last();
    await expect(failing).toHaveAttribute("data-healthy", "false");
    await expect(page.getByTestId("component-health-offline")).toHaveCount(0);

    await page.getByRole("tab", { name: "Events" }).click();
    const messages = page.getByTestId("event-message");
    await expect(messages.filter({ hasText: `Reported unhealthy: ${REASON}` })).toHaveCount(1);
    await expect(messages.filter({ hasText: "Connected over WebSocket" })).toHaveCount(1);
    await expect(messages.filter({ hasText: "Registered by a registration token" })).toHaveCount(1);
    await expect(page.getByTestId("event-row").filter({ hasText: "{" })).toHaveCount(0);

    await agent.disconnect();
    await page.getByRole("tab", { name: "Overview" }).click();
    await expect(detail.fact("OpAMP")).toHaveText("disconnected", { timeout: 15_000 });
    await expect(page.getByTestId("component-health-offline")).toBeVisible();
    await expect(failing).toHaveAttribute("data-healthy", "unknown");
    await expect(page.getByTestId("component-health-node").filter({ has: page.locator(".bg-success") })).toHaveCount(0);
    await page.getByRole("tab", { name: "Events" }).click();
    await expect(messages.filter({ hasText: "Disconnected" })).toHaveCount(1, { timeout: 15_000 });
  } finally {
    agent.ws.close();
  }
});

test("a health report over the server's size cap shows its top level and says how many components were left out, on a phone too", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-health-cap"));
  const agent = await TestAgent.connect(gw.opamp_endpoint, gw.opamp_token);
  try {
    // 300 pipelines of 4 exporters, each with a long error: over the 256 KiB default cap once stored as JSON.
    const error = { healthy: true, status: "StatusOK", last_error: "x".repeat(200) };
    const exporters = Object.fromEntries(Array.from({ length: 4 }, (_, e) => [`exporter:otlp/${e}`, error]));
    const pipelines = Object.fromEntries(
      Array.from({ length: 300 }, (_, p) => [`pipeline:logs/${p}`, { healthy: true, component_health_map: exporters }]),
    );
    await agent.request({
      ...fullState(),
      health: { healthy: true, status: "StatusOK", component_health_map: pipelines },
    });
    await expect
      .poll(
        async () =>
          (await (await request.get(`/api/v1/gateways/${gw.id}`, { headers: adminAuth() })).json()).component_health
            ?.omitted_components,
      )
      .toBe(1500);

    await page.setViewportSize({ width: 390, height: 844 });
    const detail = new AgentDetailPage(page);
    await detail.goto(gw.id, gw.name);
    await expect(page.getByTestId("component-health-omitted")).toHaveText(
      /1500 components not stored: the report was larger than the server's component health limit/,
    );
    await expect(page.getByTestId("component-health-node")).toHaveCount(1); // the agent's own top level
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    agent.ws.close();
  }
});
