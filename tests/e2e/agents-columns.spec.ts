import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, AgentsPage, heartbeat, registerGateway, unique } from "./pages/agents";

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
});

const CONFIG =
  "receivers:\n  otlp:\n    protocols:\n      http: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n";

test("current config, rollout state and OS/arch: shown, chosen and filtered; times hover in one format", async ({
  page,
  request,
}) => {
  const prefix = unique("e2e-cfgcol");
  const deployed = await registerGateway(request, `${prefix}-a`);
  const plain = await registerGateway(request, `${prefix}-b`);
  const tagged = await request.put(`/api/v1/gateways/${deployed.id}/tags`, {
    headers: adminAuth(),
    data: { tags: { cfgcol: prefix } },
  });
  expect(tagged.status()).toBe(200);
  expect((await heartbeat(request, plain)).status()).toBe(200);
  const tplName = unique("cfgcol-tpl");
  const tpl = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: { name: tplName, content: CONFIG },
  });
  expect(tpl.status()).toBe(201);
  const deployment = await request.post("/api/v1/deployments", {
    headers: adminAuth(),
    data: { name: `${prefix} rollout`, template_id: (await tpl.json()).id, target: { selector: `cfgcol=${prefix}` } },
  });
  expect(deployment.status()).toBe(201);
  const deploymentId = ((await deployment.json()) as { id: string }).id;

  const agents = new AgentsPage(page);
  await agents.goto(`q=${prefix}`);
  const header = page.getByRole("columnheader");
  await expect(header.filter({ hasText: "Current config" })).toHaveCount(1);
  await expect(header.filter({ hasText: "Rollout" })).toHaveCount(1);
  const config = agents.row(deployed.name).getByTestId("current-config");
  await expect(config.getByRole("link", { name: `${tplName}@v1` })).toHaveAttribute(
    "href",
    /^\/templates\/[0-9a-f-]{36}$/,
  );
  await expect(config.getByRole("link", { name: `${prefix} rollout` })).toHaveAttribute(
    "href",
    `/deployments/${deploymentId}`,
  );
  // Nobody runs the gateway, so its row waits: pending, or sent once its batch went out.
  await expect(agents.row(deployed.name)).toContainText(/pending|sent/);
  await expect(agents.row(plain.name).getByTestId("current-config")).toHaveCount(0);

  // OS/arch is hidden by default; the chooser shows it.
  await expect(header.filter({ hasText: "OS/arch" })).toHaveCount(0);
  await page.getByRole("button", { name: "Columns" }).click();
  const saved = page.waitForResponse((r) => r.url().includes("/api/v1/me/preferences/agents.columns") && r.ok());
  await page.getByRole("dialog").getByLabel("OS/arch").check();
  await saved;
  await page.keyboard.press("Escape");
  await expect(header.filter({ hasText: "OS/arch" })).toHaveCount(1);

  // Filter by the template a row runs; the chip shows while it applies and takes it off.
  await agents
    .row(deployed.name)
    .getByRole("button", { name: `Filter by template ${tplName}` })
    .click();
  await expect(page).toHaveURL(/template_id=[0-9a-f-]{36}/);
  await expect(agents.rows).toHaveCount(1);
  await expect(agents.row(deployed.name)).toBeVisible();
  await page.getByRole("button", { name: "One template" }).click();
  await expect(page).not.toHaveURL(/template_id=/);
  await expect(agents.rows).toHaveCount(2);

  // Filter: gateways no deployment included.
  await page.getByLabel("Rollout state", { exact: true }).selectOption("none");
  await expect(page).toHaveURL(/rollout_state=none/);
  await expect(agents.rows).toHaveCount(1);
  await expect(agents.row(plain.name)).toBeVisible();

  // Every relative time hovers with the console's one absolute format.
  await expect(agents.row(plain.name).locator("time")).toHaveAttribute("title", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);

  // Back to the defaults for the specs that follow.
  await page.getByRole("button", { name: "Columns" }).click();
  const reset = page.waitForResponse((r) => r.url().includes("/api/v1/me/preferences/agents.columns") && r.ok());
  await page.getByRole("dialog").getByLabel("OS/arch").uncheck();
  await reset;
});
