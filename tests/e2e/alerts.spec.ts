import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, registerGateway, unique } from "./pages/agents";
import { WsCollector } from "../integration/deployments-fixtures";
import { startReceiver } from "../integration/alerts-receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let receiver: Receiver | undefined;
const agents: WsCollector[] = [];
test.afterEach(async () => {
  await Promise.all(agents.map((a) => a.stop().catch(() => {})));
  await receiver?.close();
});

// The whole alerting path as an operator uses it: a webhook channel made and test-sent from the page, a rule scoped
// by tag, and a real gateway whose agent goes away and comes back. The receiver checks every payload's HMAC with
// the secret the page showed once.
test("an operator adds a channel and a rule; a gateway going offline and back is notified once each way", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  receiver = await startReceiver();
  const tag = unique("e2e-alerts");
  const channelName = unique("hook");
  const ruleName = unique("offline");
  const shell = new AppShell(page);
  await shell.signIn();
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();

  const channelForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Add channel" }) });
  await channelForm.getByLabel("Name").fill(channelName);
  await channelForm.getByLabel("URL").fill(`${receiver.url}/hook`);
  await channelForm.getByRole("button", { name: "Add channel" }).click();
  const secret = page.getByTestId("new-channel-secret");
  await expect(secret).toContainText("fgwhsec_");
  const secretValue = ((await secret.textContent()) ?? "").match(/fgwhsec_[A-Za-z0-9_-]+/)?.[0];
  expect(secretValue).toBeTruthy();
  receiver.setSecret("/hook", secretValue!);

  const channelRow = page.getByTestId("alert-channel-row").filter({ hasText: channelName });
  await channelRow.getByRole("button", { name: "Send test" }).click();
  await expect(channelRow.getByRole("status")).toHaveText("Delivered (HTTP 200)");
  expect(receiver.at("/hook")).toHaveLength(1);
  expect(receiver.at("/hook")[0].verified).toBe(true);

  // A tagged gateway with a live agent, so the rule starts out ok.
  const gw = await registerGateway(request, unique("e2e-alert-gw"));
  const tagged = await request.put(`/api/v1/gateways/${gw.id}/tags`, {
    headers: adminAuth(),
    data: { tags: { alerts: tag } },
  });
  expect(tagged.status()).toBe(200);
  let agent = await WsCollector.start(gw.opamp_endpoint, gw.name, gw.opamp_token);
  agents.push(agent);

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add rule" }) });
  await form.getByLabel("Name").fill(ruleName);
  await form.getByLabel("Condition").selectOption("gateway_down");
  await form.getByLabel("Tags (env=prod,tier)").fill(`alerts=${tag}`);
  await form.getByLabel("For (minutes)").fill("0");
  await form.getByLabel("Channel").selectOption({ label: channelName });
  await form.getByRole("button", { name: "Add rule" }).click();
  const ruleRow = page.getByTestId("alert-rule-row").filter({ hasText: ruleName });
  await expect(ruleRow).toContainText(`A gateway tagged alerts=${tag}`);
  await expect(ruleRow).toContainText("ok");

  const notifications = page.getByTestId("alert-notification-row").filter({ hasText: ruleName });
  const delivered = (event: string) =>
    receiver!
      .at("/hook")
      .filter((r) => r.verified && JSON.stringify(r.json).includes(gw.name) && r.json.event === event);

  // The agent goes away: one firing notification, delivered and signed, and the rule shows it.
  await agent.stop();
  await expect(async () => {
    await page.reload();
    await expect(ruleRow).toContainText("1 firing", { timeout: 1_000 });
    await expect(notifications.filter({ hasText: "firing" })).toHaveCount(1, { timeout: 1_000 });
    // Sent by the next tick after the firing is recorded: the page shows it after a reload.
    await expect(notifications.filter({ hasText: "firing" })).toContainText("delivered", { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect.poll(() => delivered("firing").length, { timeout: 15_000 }).toBe(1);

  // It comes back: one resolve.
  agent = await WsCollector.start(gw.opamp_endpoint, gw.name, gw.opamp_token);
  agents.push(agent);
  await expect(async () => {
    await page.reload();
    await expect(ruleRow.getByText("ok", { exact: true })).toBeVisible({ timeout: 1_000 });
    await expect(notifications.filter({ hasText: "resolved" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect.poll(() => delivered("resolved").length, { timeout: 15_000 }).toBe(1);
  expect(delivered("firing")).toHaveLength(1);
});
