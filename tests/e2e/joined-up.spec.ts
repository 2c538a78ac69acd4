import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { AppShell } from "./pages/app";
import { AgentDetailPage, adminAuth, fullState, registerGateway, unique } from "./pages/agents";
import { WsCollector } from "../integration/deployments-fixtures";
import { LOG_STEPS, templateWith } from "../integration/transforms-fixtures";
import { TestAgent } from "../helpers/opamp-ws-client";

async function post(request: APIRequestContext, path: string, data: unknown): Promise<{ id: string }> {
  const res = await request.post(path, { headers: adminAuth(), data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as { id: string };
}

/** Replaces the template editor's text the way a paste does (typing would trigger CodeMirror's auto-indent). */
async function setEditorText(page: Page, text: string) {
  await page.getByTestId("yaml-editor").locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

const collectors: WsCollector[] = [];
test.afterEach(async () => {
  await Promise.all(collectors.splice(0).map((c) => c.stop()));
});

test("template page: where it is used, Deploy opens the form prefilled; rollout page: breadcrumb, gateway links, countdown, rollback only with a previous version", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000); // two live agents apply the first batch
  const tag = unique("joined");
  const transformName = unique("joined-drop").toLowerCase();
  const transform = await post(request, "/api/v1/transforms", {
    name: transformName,
    signal: "logs",
    steps: LOG_STEPS,
  });
  const content = templateWith(`[flowgate_transform/${transformName}, batch]`);
  const templateName = unique("joined-template");
  const template = await post(request, "/api/v1/templates", { name: templateName, content, message: "v1" });
  const gws = [];
  for (const n of ["a", "b"]) {
    const gw = await registerGateway(request, unique(`joined-gw-${n}`));
    const tags = await request.put(`/api/v1/gateways/${gw.id}/tags`, {
      headers: adminAuth(),
      data: { tags: { rollout: tag } },
    });
    expect(tags.status()).toBe(200);
    collectors.push(await WsCollector.start(gw.opamp_endpoint, gw.name, gw.opamp_token));
    gws.push(gw);
  }
  // One gateway per batch, ten minutes apart: the first batch applies, the second waits for its time.
  const deployment = await post(request, "/api/v1/deployments", {
    name: unique("joined-rollout"),
    template_id: template.id,
    target: { selector: `rollout=${tag}` },
    strategy: { type: "progressive", batch_size: 1, pause_seconds: 600 },
  });
  await expect.poll(() => collectors.filter((c) => c.applied).length, { timeout: 20_000 }).toBe(1);

  const shell = new AppShell(page);
  await shell.signIn();
  await page.goto(`/deployments/${deployment.id}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link")).toHaveAttribute(
    "href",
    "/deployments",
  );
  await expect(page.getByTestId("next-batch")).toHaveText(/^Batch 2 of 2 starts in (9|10) min/);
  const rows = page.getByTestId("rollout-row");
  await expect(rows).toHaveCount(2);
  for (const gw of gws)
    await expect(rows.getByRole("link", { name: gw.name, exact: true })).toHaveAttribute("href", `/agents/${gw.id}`);
  // Version 1 has nothing before it: no Rollback.
  await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rollback" })).toHaveCount(0);

  // The template page says where it is used.
  await page.goto(`/templates/${template.id}`);
  const used = page.getByTestId("where-used");
  await expect(used.getByTestId("used-deployments").getByRole("link")).toHaveAttribute(
    "href",
    `/deployments/${deployment.id}`,
  );
  const running = used.getByTestId("used-gateways");
  const applied = gws.find((g) => collectors.find((c) => c.name === g.name)?.applied)!;
  await expect(running.getByRole("link", { name: applied.name })).toHaveAttribute("href", `/agents/${applied.id}`);
  await expect(running.getByRole("link")).toHaveCount(2); // the gateway and its deployment's version
  await expect(used.getByTestId("used-transforms").getByRole("link", { name: transformName })).toHaveAttribute(
    "href",
    `/transforms/${transform.id}`,
  );
  await expect(used).toContainText("1 deployment, 1 gateway running it, 1 transform referenced");

  // Deploy opens the new-deployment form with this template chosen.
  await page.getByRole("link", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/deployments/new\\?template_id=${template.id}$`));
  await expect(page.getByLabel("Template")).toHaveValue(template.id);

  // A deployment of version 2 can roll back to version 1.
  const v2 = await request.post(`/api/v1/templates/${template.id}/versions`, {
    headers: adminAuth(),
    data: { content: content.replace("endpoint: backend:4317", "endpoint: backend2:4317"), base_version: 1 },
  });
  expect(v2.status()).toBe(201);
  const second = await post(request, "/api/v1/deployments", {
    template_id: template.id,
    target: { gateway_ids: [gws[0].id] },
  });
  await page.goto(`/deployments/${second.id}`);
  await expect(page.getByRole("button", { name: "Rollback" })).toBeVisible();
});

test("gateway page: restart and token rotation warn once the gateway is offline", async ({ page, request }) => {
  const gw = await registerGateway(request, unique("joined-offline"));
  const agent = await TestAgent.connect(gw.opamp_endpoint, gw.opamp_token);
  const state = async () =>
    (await (await request.get(`/api/v1/gateways/${gw.id}`, { headers: adminAuth() })).json()) as {
      connection_state: string;
      capabilities_bits: number | null;
    };
  try {
    await agent.request(fullState());
    await expect.poll(async () => (await state()).capabilities_bits !== null, { timeout: 10_000 }).toBe(true);
    await new AppShell(page).signIn();
    const detail = new AgentDetailPage(page);
    await detail.goto(gw.id, gw.name);
    await expect(page.getByTestId("offline-actions-warning")).toHaveCount(0);
    await page.getByRole("button", { name: "Restart", exact: true }).click();
    await expect(page.getByRole("dialog")).toContainText("restarts its collector");
    await page.keyboard.press("Escape");
  } finally {
    await agent.disconnect();
  }
  await expect.poll(async () => (await state()).connection_state, { timeout: 10_000 }).toBe("disconnected");
  await page.reload();
  await expect(page.getByTestId("offline-actions-warning")).toContainText("a restart cannot reach this gateway");
  await page.getByRole("button", { name: "Restart", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`${gw.name} is offline`);
  await expect(dialog.getByRole("button", { name: "Restart anyway" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByRole("dialog")).toContainText(`${gw.name} is offline`);
});

test("the template editor asks before unsaved changes are left, in the app and on reload", async ({
  page,
  request,
}) => {
  const template = await post(request, "/api/v1/templates", {
    name: unique("joined-guard"),
    content: templateWith("[batch]"),
    message: "v1",
  });
  await new AppShell(page).signIn();
  await page.goto(`/templates/${template.id}`);
  await setEditorText(page, templateWith("[batch]").replace("backend:4317", "elsewhere:4317"));
  await expect(page.getByRole("button", { name: "Discard changes" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await nav.getByRole("link", { name: "Deployments" }).click();
  await expect.poll(() => asked).toContain("unsaved changes to this template");
  await expect(page).toHaveURL(new RegExp(`/templates/${template.id}$`));

  // Reload and close get the browser's own prompt. Accepted, so the page really closes: a dismissed prompt left it
  // open with the guard armed, and the context's own close at the test's end then hung on it.
  const beforeUnload = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.accept();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await beforeUnload).toBe("beforeunload");
});

test("saved changes leave the template editor without a question", async ({ page, request }) => {
  const template = await post(request, "/api/v1/templates", {
    name: unique("joined-saved"),
    content: templateWith("[batch]"),
    message: "v1",
  });
  await new AppShell(page).signIn();
  await page.goto(`/templates/${template.id}`);
  await setEditorText(page, templateWith("[batch]").replace("backend:4317", "elsewhere:4317"));
  await expect(page.getByTestId("validation-summary")).toHaveText(/^Valid/);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("latest-version")).toHaveText("Version 2");
  page.on("dialog", (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deployments" })).toBeVisible();
});
