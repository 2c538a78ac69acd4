import { expect, test, type APIRequestContext } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, AgentsPage, createRegistrationToken, gatewaysTotal, unique } from "./pages/agents";

const N = 200;

/** N gateways through one multi-use registration token, all tagged `batch=<id>` in one bulk request. */
async function fleet(request: APIRequestContext) {
  const batch = unique("b").replace(/[^a-z0-9]/g, "");
  const { token } = await createRegistrationToken(request, { name: `bulk ${batch}`, max_uses: N, expires_in_days: 1 });
  const ids: string[] = [];
  for (let i = 0; i < N; i += 25) {
    const chunk = await Promise.all(
      Array.from({ length: 25 }, async (_, j) => {
        const name = `${batch}-${String(i + j).padStart(3, "0")}`;
        const res = await request.post("/api/v1/gateways", {
          headers: { authorization: `Bearer ${token}` },
          data: { name, instance_id: name },
        });
        expect(res.status()).toBe(201);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    ids.push(...chunk);
  }
  const tagged = await request.post("/api/v1/gateways/bulk", {
    headers: adminAuth(),
    data: { action: "add_tags", gateway_ids: ids, tags: { batch } },
  });
  expect(((await tagged.json()) as { changed: number }).changed).toBe(N);
  return batch;
}

/** Ticks the page, then "all N matching", and opens the named bulk action. */
async function selectAllMatching(agents: AgentsPage, action: string) {
  const { page } = agents;
  await page.getByLabel("Select this page").check();
  await page.getByRole("button", { name: `Select all ${N} matching the filters` }).click();
  await expect(page.getByTestId("bulk-bar")).toContainText(`${N} selected`);
  await page.getByTestId("bulk-bar").getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`${N} gateways`);
  return dialog;
}

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
});

test("bulk tag: all 200 gateways matching a filter get a tag in one confirmed request", async ({ page, request }) => {
  test.setTimeout(120_000);
  const batch = await fleet(request);
  const agents = new AgentsPage(page);
  await agents.goto(`tag=batch=${batch}`);
  await expect(page.getByTestId("table-range")).toHaveText(`1–25 of ${N}`);

  const dialog = await selectAllMatching(agents, "Add tags");
  await dialog.getByLabel("Tags (key=value, comma-separated)").fill("wave=blue, owner=sre");
  await dialog.getByRole("button", { name: `Tag ${N} gateways` }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText(`${N} of ${N} gateways changed.`);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  expect(await gatewaysTotal(request, `tag=batch=${batch},wave=blue,owner=sre`)).toBe(N);
  await expect(agents.rows.first()).toContainText("wave=blue");
});

test("bulk deploy: a template goes to all 200 selected gateways as one deployment", async ({ page, request }) => {
  test.setTimeout(120_000);
  const batch = await fleet(request);
  const name = unique("bulk-tpl");
  const tpl = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: {
      name,
      content:
        "receivers:\n  otlp:\n    protocols:\n      http: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n",
    },
  });
  expect(tpl.status()).toBe(201);
  const agents = new AgentsPage(page);
  await agents.goto(`tag=batch=${batch}`);

  const dialog = await selectAllMatching(agents, "Deploy");
  await dialog.getByLabel("Template (latest version, all at once)").selectOption({ label: `${name} v1` });
  await dialog.getByRole("button", { name: `Deploy to ${N} gateways` }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText(`${N} of ${N} gateways changed.`);

  const list = await request.get("/api/v1/deployments?limit=5", { headers: adminAuth() });
  const latest = ((await list.json()) as { items: { name: string; progress: { total: number } }[] }).items.find(
    (d) => d.name === `${name} v1`,
  );
  expect(latest?.progress.total).toBe(N);
});

test("a page selection acts on exactly the ticked rows", async ({ page, request }) => {
  const batch = await fleet(request);
  const agents = new AgentsPage(page);
  await agents.goto(`tag=batch=${batch}`);
  await page.getByLabel(`Select ${batch}-000`).check();
  await page.getByLabel(`Select ${batch}-001`).check();
  await expect(page.getByTestId("bulk-bar")).toContainText("2 selected");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Remove tags", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("2 gateways selected");
  await dialog.getByLabel("Tag keys (comma-separated)").fill("batch");
  await dialog.getByRole("button", { name: "Remove from 2 gateways" }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText("2 of 2 gateways changed.");
  expect(await gatewaysTotal(request, `tag=batch=${batch}`)).toBe(N - 2);
});
