import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { AgentsPage, registerGateway, unique } from "./pages/agents";

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
});

test("the column chooser is remembered for the user across a reload", async ({ page, request }) => {
  const gw = await registerGateway(request, unique("e2e-cols"), { ip_address: "10.1.2.3" });
  const agents = new AgentsPage(page);
  await agents.goto(`q=${gw.name}`);
  const header = page.getByRole("columnheader");
  await expect(header.filter({ hasText: "Transport" })).toHaveCount(1);
  await expect(header.filter({ hasText: /^IP$/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Columns" }).click();
  const dialog = page.getByRole("dialog");
  const saved = page.waitForResponse((r) => r.url().includes("/api/v1/me/preferences/agents.columns") && r.ok());
  await dialog.getByLabel("Transport").uncheck();
  await saved;
  const savedIp = page.waitForResponse((r) => r.url().includes("/api/v1/me/preferences/agents.columns") && r.ok());
  await dialog.getByLabel("IP", { exact: true }).check();
  await savedIp;
  await page.keyboard.press("Escape");
  await expect(header.filter({ hasText: "Transport" })).toHaveCount(0);
  await expect(agents.row(gw.name)).toContainText("10.1.2.3");

  await page.reload();
  await expect(header.filter({ hasText: /^IP$/ })).toHaveCount(1);
  await expect(header.filter({ hasText: "Transport" })).toHaveCount(0);
  await expect(agents.row(gw.name)).toContainText("10.1.2.3");

  // Back to the defaults for the specs that follow.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("dialog").getByLabel("Transport").check();
  await page.getByRole("dialog").getByLabel("IP", { exact: true }).uncheck();
});

test("a saved view restores its filters from its URL; filters apply as you type", async ({ page, request }) => {
  const prefix = unique("e2e-view");
  const a = await registerGateway(request, `${prefix}-a`);
  await registerGateway(request, `${prefix}-b`);
  const agents = new AgentsPage(page);
  await agents.goto();
  await agents.search(a.name);
  await expect(page).toHaveURL(new RegExp(`q=${a.name}`));
  await expect(agents.rows).toHaveCount(1);
  await page.getByLabel("Tag filter").fill("nothere");
  await expect(page).toHaveURL(/tag=nothere/);
  await page.getByLabel("Tag filter").fill("");
  await expect(page).not.toHaveURL(/tag=/);

  const name = `Only ${prefix}`;
  await page.getByLabel("View name").fill(name);
  await page.getByRole("button", { name: "Save view" }).click();
  const link = page.getByTestId("saved-views").getByRole("link", { name });
  await expect(link).toHaveAttribute("href", `/agents?q=${a.name}`);

  // Another tab (or a colleague) opening the view's URL gets the same filters.
  await agents.goto();
  await expect(page.getByLabel("Search gateways")).toHaveValue("");
  await page.getByTestId("saved-views").getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/agents\\?q=${a.name}$`));
  await expect(page.getByLabel("Search gateways")).toHaveValue(a.name);
  await expect(agents.rows).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("saved-views").getByRole("link", { name })).toBeVisible();
  await page.getByRole("button", { name: `Delete view ${name}` }).click();
  await expect(page.getByTestId("saved-views").getByRole("link", { name })).toHaveCount(0);
});
