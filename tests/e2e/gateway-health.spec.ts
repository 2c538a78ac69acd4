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
