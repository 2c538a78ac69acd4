import { expect, test, type APIRequestContext } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, registerGateway, unique, type Registered } from "./pages/agents";
import { volumeAt } from "../integration/savings-fixtures";

const MIN = 60_000;
const CONFIG =
  "receivers:\n  otlp:\n    protocols:\n      http:\nexporters:\n  debug:\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n";

/** Ten minutes of own metrics ending a minute ago, through the OTLP endpoint the gateway's collector uses (JSON). */
async function reportOwnMetrics(request: APIRequestContext, gw: Registered) {
  const start = Math.floor(Date.now() / MIN) * MIN - 11 * MIN;
  for (let n = 1; n <= 10; n++) {
    const body = volumeAt({
      at: start + (n - 1) * MIN + 1_000,
      start,
      signals: { logs: { in: 500 * n, out: { otlphttp: 200 * n } }, traces: { in: 50 * n, out: { otlp: 50 * n } } },
    });
    const res = await request.post("/api/v1/otlp/v1/metrics", {
      headers: { authorization: `Bearer ${gw.opamp_token}`, "content-type": "application/json" },
      data: JSON.stringify(body),
    });
    expect(res.status()).toBe(200);
  }
}

/** A deployment targeting the gateway: its creation is a marker on the gateway's time axes. */
async function deploy(request: APIRequestContext, gw: Registered) {
  const template = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: { name: unique("e2e-charts"), content: CONFIG, message: "v1" },
  });
  expect(template.status()).toBe(201);
  const name = unique("e2e-marker");
  const res = await request.post("/api/v1/deployments", {
    headers: adminAuth(),
    data: { name, template_id: (await template.json()).id, target: { gateway_ids: [gw.id] } },
  });
  expect(res.status()).toBe(201);
  return { name, id: (await res.json()).id as string };
}

test("the gateway's Metrics tab charts its own metrics with deployment markers; empty charts say so", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("e2e-charts"));
  await reportOwnMetrics(request, gw);
  const deployment = await deploy(request, gw);
  await new AppShell(page).signIn();
  await page.goto(`/agents/${gw.id}`);
  await page.getByRole("tab", { name: "Metrics" }).click();

  const volume = page.getByTestId("chart-data-in-vs-out");
  await expect(volume.locator("canvas")).toBeVisible();
  await expect(volume.getByRole("img", { name: "Data in vs out" })).toBeVisible();
  // uPlot's legend names every series the endpoint returned.
  for (const label of ["logs in", "traces in", "logs out", "traces out"])
    await expect(volume.locator(".u-legend")).toContainText(label);
  await expect(page.getByTestId("chart-markers")).toContainText(deployment.name);
  // No drops, failures or queue readings were reported.
  await expect(page.getByTestId("chart-export-failures")).toContainText("No data in this window");
  await expect(page.getByTestId("chart-export-failures").locator("canvas")).toHaveCount(0);

  // A wider window draws the same data again.
  await page.getByRole("button", { name: "24h" }).click();
  await expect(page.getByRole("button", { name: "24h" })).toHaveAttribute("aria-pressed", "true");
  await expect(volume.locator("canvas")).toBeVisible();

  // The deployment page compares the output before it (10 minutes × 200 log records) with after it (not yet).
  await page.getByTestId("chart-markers").getByRole("link", { name: deployment.name }).click();
  const logs = page.getByTestId("before-after").getByTestId("volume-logs");
  await expect(logs).toContainText("2K");
  await expect(page.getByTestId("before-after")).toContainText("starts a minute after the rollout ends");
});

test("the dashboard charts fleet volume in and out", async ({ page, request }) => {
  const gw = await registerGateway(request, unique("e2e-fleet"));
  await reportOwnMetrics(request, gw);
  await new AppShell(page).signIn();
  await page.goto("/");
  const card = page.getByTestId("fleet-volume");
  await expect(card.locator("canvas")).toBeVisible();
  await expect(card.locator(".u-legend")).toContainText("logs in");
  await expect(card.locator(".u-legend")).toContainText("logs out");
});

test("an admin enters a backend price in Settings, and the savings answer uses it; blank is not set", async ({
  page,
  request,
}) => {
  await new AppShell(page).signIn();
  await new AppShell(page).goTo("Settings");
  const form = page.getByRole("form", { name: "Organization settings" });
  const spans = form.getByLabel("Per million spans");
  await expect(spans).toHaveValue("");
  await spans.fill("2.5");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");
  const prices = async () =>
    ((await (await request.get("/api/v1/savings", { headers: adminAuth() })).json()) as { prices: object }).prices;
  expect(await prices()).toMatchObject({ per_million_spans: 2.5, per_gb_ingested: null });

  // Back to blank so other specs see an untouched org.
  await form.getByLabel("Per million spans").fill("");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByLabel("Per million spans")).toHaveValue("");
  await expect.poll(prices).toMatchObject({ per_million_spans: null });
});
