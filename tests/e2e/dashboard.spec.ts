import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { AgentsPage, gatewaysTotal, heartbeat, registerGateway, unique } from "./pages/agents";

test("the dashboard counts gateways by health and lists the newest registrations", async ({ page, request }) => {
  const gw = await registerGateway(request, unique("e2e-dash"));
  expect((await heartbeat(request, gw)).status()).toBe(200);
  await new AppShell(page).signIn();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  await expect(page.getByTestId("newest-registrations")).toContainText(gw.name);
  const value = (label: string) => page.getByTestId(`stat-${label}`).getByTestId("stat-value");
  // Each figure is what the list API says for the same filter (other specs add gateways too, so compare, never
  // hard-code). Another spec's gateway may cross a health boundary between the two reads: then read both again.
  await expect(async () => {
    await page.reload();
    for (const health of ["healthy", "warning", "unhealthy", "offline", "never-seen"]) {
      const shown = Number(await value(health).textContent());
      expect(shown).toBe(await gatewaysTotal(request, `health=${health === "never-seen" ? "unknown" : health}`));
    }
    expect(Number(await value("gateways").textContent())).toBe(await gatewaysTotal(request, ""));
  }).toPass({ timeout: 20_000 });
  expect(Number(await value("healthy").textContent())).toBeGreaterThanOrEqual(1);
  expect(Number(await value("seen-in-the-last-hour").textContent())).toBeGreaterThanOrEqual(1);

  // A health card opens the Agents page filtered by that health.
  await page.getByTestId("stat-healthy").click();
  await expect(page).toHaveURL(/\/agents\?health=healthy/);
  const agents = new AgentsPage(page);
  await agents.search(gw.name);
  await expect(agents.row(gw.name)).toBeVisible();
});
