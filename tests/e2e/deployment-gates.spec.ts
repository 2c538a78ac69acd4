import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, registerGateway, unique } from "./pages/agents";
import { config, WsCollector } from "../integration/deployments-fixtures";
import { MeteredCollector } from "../integration/gates-fixtures";

const agents: WsCollector[] = [];
const metered: MeteredCollector[] = [];
test.afterEach(async () => {
  metered.forEach((m) => m.stop());
  await Promise.all(agents.map((a) => a.stop().catch(() => {})));
});

test("the rollout page shows a volume gate halting a rollout whose config drops everything", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const tag = unique("e2e-gates");
  // Four gateways whose agents report own metrics over OTLP; they send nothing on once they run the bad config.
  for (let i = 0; i < 4; i++) {
    const gw = await registerGateway(request, unique(`e2e-gate-gw${i}`));
    const tagged = await request.put(`/api/v1/gateways/${gw.id}/tags`, {
      headers: adminAuth(),
      data: { tags: { gates: tag } },
    });
    expect(tagged.status()).toBe(200);
    const agent = await WsCollector.start(gw.opamp_endpoint, gw.name, gw.opamp_token);
    agents.push(agent);
    const m = new MeteredCollector({ url: baseURL! }, gw.opamp_token, agent, {
      live: "# v2",
      dropAll: "filter/dropall",
    });
    await m.history();
    m.run();
    metered.push(m);
  }
  const template = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: { name: unique("e2e-gate-tpl"), content: config("v1"), message: "v1" },
  });
  expect(template.status()).toBe(201);
  const templateId = (await template.json()).id as string;
  const v2 = await request.post(`/api/v1/templates/${templateId}/versions`, {
    headers: adminAuth(),
    data: { content: config("v2", "filter/dropall"), base_version: 1, message: "drop everything" },
  });
  expect(v2.ok()).toBe(true);
  // Signed in first: the watch is short, and the page should open while it runs.
  const shell = new AppShell(page);
  await shell.signIn();
  const created = await request.post("/api/v1/deployments", {
    headers: adminAuth(),
    data: {
      template_id: templateId,
      target: { selector: `gates=${tag}` },
      strategy: { type: "progressive", batch_size: 2, gates: { watch_seconds: 25, volume_change_percent: 50 } },
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;

  await page.goto(`/deployments/${id}`);
  const gates = page.getByTestId("gates");
  // Live: the first batch is watched, then its volume gate fails and the rollout halts.
  await expect(gates).toHaveAttribute("data-state", /waiting|watching/, { timeout: 20_000 });
  await expect(gates).toHaveAttribute("data-state", "failed", { timeout: 60_000 });
  const volume = page.getByTestId("gate-volume");
  await expect(volume).toHaveAttribute("data-state", "fail");
  await expect(volume.getByTestId("gate-measured")).toHaveText("-100");
  await expect(volume).toContainText("±50");
  await expect(page.getByTestId("gate-reporting")).toHaveAttribute("data-state", "pass");
  await expect(page.getByTestId("rollout-status").first()).toHaveAttribute("data-status", "halted");
  expect(metered.flatMap((m) => m.errors)).toEqual([]);
});
