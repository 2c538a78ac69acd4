import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, heartbeat, registerGateway, unique } from "./pages/agents";
import { LOG_STEPS, templateWith } from "../integration/transforms-fixtures";

const PHONE = { width: 390, height: 844 };

async function post(request: APIRequestContext, path: string, data: unknown): Promise<{ id: string }> {
  const res = await request.post(path, { headers: adminAuth(), data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as { id: string };
}

/** One of everything a page can show: a tagged gateway that reported, a transform, a template using it, a
 * progressive deployment, a registration token, an alert rule and channel. Names are long, as real ones are. */
async function seed(request: APIRequestContext) {
  const gw = await registerGateway(request, unique("narrow-screen-gateway-eu-west-1-prod"));
  expect((await heartbeat(request, gw)).status()).toBeLessThan(300);
  const put = await request.put(`/api/v1/gateways/${gw.id}/tags`, {
    headers: adminAuth(),
    data: { tags: { env: "production", region: "eu-west-1", team: "observability-platform" } },
  });
  expect(put.status()).toBe(200);
  const transformName = unique("narrow-drop-debug-logs").toLowerCase();
  const transform = await post(request, "/api/v1/transforms", {
    name: transformName,
    signal: "logs",
    steps: LOG_STEPS,
  });
  const template = await post(request, "/api/v1/templates", {
    name: unique("narrow-screen-template-with-a-long-name"),
    content: templateWith(`[flowgate_transform/${transformName}, batch]`),
    message: "first version, with a message long enough to wrap on a phone screen",
  });
  const deployment = await post(request, "/api/v1/deployments", {
    template_id: template.id,
    target: { selector: "env=production,region=eu-west-1" },
    strategy: { type: "progressive", batch_size: 1, pause_seconds: 60 },
  });
  await post(request, "/api/v1/registration-tokens", { name: unique("narrow-token"), expires_in_days: 30 });
  await post(request, "/api/v1/alerts/rules", {
    name: unique("narrow-gateways-down-in-production"),
    kind: "gateway_down",
    params: { selector: "env=production", for_minutes: 5 },
  });
  return { gateway: gw.id, transform: transform.id, template: template.id, deployment: deployment.id };
}

/** How far the document is wider than the window, and the widest elements that stick out. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.closest("[data-slot=table-container]") || el.matches("[data-slot=table-container]"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
}

test("every page fits a 390 px wide phone screen: nothing is wider than the viewport", async ({ page, request }) => {
  test.setTimeout(180_000); // about twenty pages, each server-rendered with real data
  const ids = await seed(request);
  await new AppShell(page).signIn();
  await page.setViewportSize(PHONE);
  const paths = [
    "/",
    "/agents",
    `/agents/${ids.gateway}`,
    "/registration-tokens",
    "/templates",
    "/templates/new",
    `/templates/${ids.template}`,
    "/deployments",
    "/deployments/new",
    `/deployments/${ids.deployment}`,
    "/transforms",
    "/transforms/new",
    `/transforms/${ids.transform}`,
    "/cardinality",
    `/cardinality?gateway_id=${ids.gateway}`,
    "/routes",
    "/alerts",
    "/settings",
    "/api-docs",
    "/no/such/page",
  ];
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const o = await overflow(page);
    if (o.scrollWidth > o.innerWidth) wide.push(`${path}: ${o.scrollWidth} px (${o.culprits.join(", ")})`);
  }
  expect(wide).toEqual([]);
});

test("on a phone, a wide table scrolls inside its card and the page does not", async ({ page, request }) => {
  await registerGateway(request, unique("narrow-table-gateway"));
  await new AppShell(page).signIn();
  await page.setViewportSize(PHONE);
  await page.goto("/agents");
  const scroller = page.locator("[data-slot=table-container]").first();
  await expect(scroller).toBeVisible();
  const box = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(box.scroll).toBeGreaterThan(box.client);
  const o = await overflow(page);
  expect(o.scrollWidth).toBeLessThanOrEqual(o.innerWidth);
});
