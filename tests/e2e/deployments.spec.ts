import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, registerGateway, unique } from "./pages/agents";
import { WsCollector } from "../integration/deployments-fixtures";

const config = (verbosity: string) => `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
exporters:
  debug:
    verbosity: ${verbosity}
service:
  telemetry:
    resource:
      gateway: \${INSTANCE_ID}
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`;

/** Replaces the template editor's text the way a paste does (typing would trigger CodeMirror's auto-indent). */
async function setEditorText(page: Page, text: string) {
  await page.getByTestId("yaml-editor").locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

/** The one gateway row of a deployment page, once it shows `status`; returns the full config hash it carries. */
async function rowReaches(page: Page, gateway: string, status: string): Promise<string> {
  const row = page.getByTestId("rollout-row").filter({ hasText: gateway });
  await expect(row.getByTestId("rollout-status")).toHaveAttribute("data-status", status, { timeout: 15_000 });
  return (await row.locator("code[title]").getAttribute("title"))!;
}

let agent: WsCollector | undefined;
test.afterEach(async () => {
  await agent?.stop();
});

test("edit a template, validate, deploy it to a tagged agent, watch it apply, roll back, and watch it apply again", async ({
  page,
  request,
}) => {
  const tag = unique("e2e-deploy");
  const name = unique("e2e-dep-tpl");

  // A gateway tagged for this spec, with a live agent (a spec-level WebSocket OpAMP client) that applies what it gets.
  const gw = await registerGateway(request, unique("e2e-dep-gw"));
  expect(
    (
      await request.put(`/api/v1/gateways/${gw.id}/tags`, { headers: adminAuth(), data: { tags: { rollout: tag } } })
    ).status(),
  ).toBe(200);
  agent = await WsCollector.start(gw.opamp_endpoint, gw.name, gw.opamp_token);
  const created = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: { name, content: config("basic"), message: "first" },
  });
  expect(created.status()).toBe(201);
  const templateId = (await created.json()).id as string;
  const first = await request.post("/api/v1/deployments", {
    headers: adminAuth(),
    data: { template_id: templateId, target: { selector: `rollout=${tag}` } },
  });
  expect(first.status()).toBe(201);
  await expect.poll(() => agent!.applied, { timeout: 15_000 }).not.toBeNull();
  const v1Hash = agent.applied;

  // Edit the template in the browser: live validation, then a new version.
  const shell = new AppShell(page);
  await shell.signIn();
  await page.goto(`/templates/${templateId}`);
  await setEditorText(page, config("detailed"));
  await expect(page.getByTestId("validation-summary")).toHaveText(/^Valid/);
  await page.getByLabel("Version message").fill("more detail");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("latest-version")).toHaveText("Version 2");

  // Deploy version 2 to the tag: the target preview counts the gateway, the dry run shows the change.
  await shell.goTo("Deployments");
  await page.getByRole("link", { name: "New deployment" }).first().click();
  await page.getByLabel("Template").selectOption({ label: name });
  await page.getByLabel("Version", { exact: true }).selectOption("2");
  await page.getByLabel("Selector").fill(`rollout=${tag}`);
  await expect(page.getByTestId("target-preview")).toContainText("Matches 1 gateway");
  await page.getByRole("button", { name: `Dry run on ${gw.name}` }).click();
  await expect(page.getByTestId("dry-run-diff")).toContainText("+    verbosity: detailed");
  await expect(page.getByTestId("dry-run-diff")).toContainText("-    verbosity: basic");
  await page.getByRole("button", { name: "Start deployment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} v2` })).toBeVisible();
  await expect(page.getByTestId("overlap-rule")).toContainText("newest deployment that has reached it");

  // Watch the agent's own report turn the row applied (the page re-reads every 2 s).
  const v2Hash = await rowReaches(page, gw.name, "applied");
  expect(v2Hash).not.toBe(v1Hash);
  expect(agent.applied).toBe(v2Hash);
  await expect(page.getByTestId("count-applied")).toContainText("1");

  // Roll back in one click: a new deployment of version 1, and the agent returns to the previous hash.
  await page.getByRole("button", { name: "Rollback" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Rollback of ${name} v2 to v1` })).toBeVisible();
  expect(await rowReaches(page, gw.name, "applied")).toBe(v1Hash);
  expect(agent.applied).toBe(v1Hash);

  // Both are in the list, with their status badges.
  await shell.goTo("Deployments");
  const listed = (title: string) =>
    page
      .getByTestId("deployment-row")
      .filter({ has: page.getByRole("link", { name: title, exact: true }) })
      .getByTestId("rollout-status");
  await expect(listed(`Rollback of ${name} v2 to v1`)).toHaveAttribute("data-status", "completed");
  await expect(listed(`${name} v2`)).toHaveAttribute("data-status", "superseded");
});
