import { expect, test, type Page } from "@playwright/test";
import { AppShell, ADMIN } from "./pages/app";
import { adminApiKey } from "./pages/cli";
import { createMultiOrgUser, createOrgWithKey, onboardGateway } from "./pages/orgs";
import { unique } from "./pages/agents";

async function fillSignIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("the favicon and app icon are served as images", async ({ request, page }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\//);
  await page.goto("/sign-in");
  const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
  const svg = await request.get(href!);
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
});

test.describe("deep links survive sign-in", () => {
  test("a signed-out visit returns to the page asked for, query included", async ({ page }) => {
    await page.goto("/agents?q=edge");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fagents%3Fq%3Dedge$/);
    await fillSignIn(page);
    await expect(page).toHaveURL(/\/agents\?q=edge$/);
    await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  });

  test("an unknown deployment asked for while signed out ends on the 404 inside the shell", async ({ page }) => {
    await page.goto("/deployments/xyz");
    await expect(page).toHaveURL(/callbackUrl=%2Fdeployments%2Fxyz/);
    await fillSignIn(page);
    await expect(page).toHaveURL(/\/deployments\/xyz$/);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(sidebar(page)).toBeVisible();
  });

  for (const evil of ["//evil.com", "https://evil.com", "/\\evil.com"]) {
    test(`a callback to another site (${evil}) is refused: the dashboard opens`, async ({ page, baseURL }) => {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(evil)}`);
      await fillSignIn(page);
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
      expect(page.url()).toBe(`${baseURL}/`);
    });
  }
});

test("unknown ids and paths show the 404 inside the shell, with navigation back", async ({ page }) => {
  await new AppShell(page).signIn();
  for (const path of [
    "/agents/00000000-0000-4000-8000-000000000000",
    "/templates/00000000-0000-4000-8000-000000000000",
    "/no/such/page",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toHaveText(ADMIN.email);
  }
  await sidebar(page).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
});

test("a user in two organizations switches between them and sees each one's gateways only", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000); // three organizations, a user and three gateways through the real CLI and API
  const [home, second, foreign] = [unique("home"), unique("second"), unique("foreign")];
  const orgs = { home: createOrgWithKey(home), second: createOrgWithKey(second), foreign: createOrgWithKey(foreign) };
  const names = { home: unique("gw-home"), second: unique("gw-second"), foreign: unique("gw-foreign") };
  const gw = {
    home: await onboardGateway(request, orgs.home.key, names.home),
    second: await onboardGateway(request, orgs.second.key, names.second),
    foreign: await onboardGateway(request, orgs.foreign.key, names.foreign),
  };
  const email = `${unique("multi")}@example.test`;
  createMultiOrgUser(email, "multi-org-password", [home, second]);

  const shell = new AppShell(page);
  await shell.signIn(email, "multi-org-password");
  const rows = page.getByTestId("agent-row");
  const gatewayIds = async () =>
    (await page.request.get("/api/v1/gateways").then((r) => r.json())).items.map((g: { id: string }) => g.id);

  await page.goto("/agents");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(names.home);
  expect(await gatewayIds()).toEqual([gw.home]);

  const switcher = page.getByLabel("Organization");
  await expect(switcher).toHaveValue(orgs.home.id);
  await switcher.selectOption(orgs.second.id);
  await expect(page).toHaveURL(/\/agents$/);
  await expect(switcher).toHaveValue(orgs.second.id);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(names.second);
  // The choice holds for the session: the browser's own API calls and a new page load follow it.
  expect(await gatewayIds()).toEqual([gw.second]);
  await page.reload();
  await expect(switcher).toHaveValue(orgs.second.id);
  const res = await page.goto(`/agents/${gw.home}`);
  expect(res?.status()).toBe(404);

  // An organization the user is not a member of is refused by the switcher...
  await page.goto("/agents");
  await switcher.evaluate((el, id) => el.append(new Option("forged", id)), orgs.foreign.id);
  await switcher.selectOption(orgs.foreign.id);
  await expect(page.getByRole("alert").filter({ hasText: "not a member of this organization" })).toBeVisible();
  // ...and a session token edited to name it (through Auth.js's own update endpoint) reaches nothing of it.
  const { csrfToken } = await page.request.get("/api/auth/csrf").then((r) => r.json());
  const update = await page.request.post("/api/auth/session", {
    data: { csrfToken, data: { orgId: orgs.foreign.id } },
  });
  expect(update.status()).toBe(200);
  expect(await gatewayIds()).toEqual([gw.home]);
  expect((await page.request.get(`/api/v1/gateways?org_id=${orgs.foreign.id}`)).status()).toBe(403);
  expect((await page.goto(`/agents/${gw.foreign}`))?.status()).toBe(404);
  await page.goto("/agents");
  await expect(page.getByLabel("Organization")).toHaveValue(orgs.home.id);
});

test("dark mode follows the system, and the toggle overrides it for good", async ({ page }) => {
  const shell = new AppShell(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await shell.signIn();
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await backgroundLightness(page)).toBeLessThan(0.3);

  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  expect(await backgroundLightness(page)).toBeGreaterThan(0.9);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await backgroundLightness(page)).toBeLessThan(0.3);
  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);
});

/** The body's background lightness, 0 (black) to 1 (white): the browser paints its computed colour to read it as sRGB. */
async function backgroundLightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 765;
  });
}

test("Ctrl-K opens the command palette, which jumps to a gateway or a page by name", async ({ page, request }) => {
  const { key } = adminApiKey();
  const name = unique("palette-gw");
  const id = await onboardGateway(request, key, name);
  await new AppShell(page).signIn();

  await page.keyboard.press("Control+k");
  const input = page.getByRole("combobox", { name: /Search pages/ });
  await expect(input).toBeFocused();
  await input.fill(name.slice(0, -2));
  const option = page.getByRole("option").filter({ hasText: name });
  await expect(option).toContainText("Gateway");
  await input.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await input.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/agents/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.keyboard.press("Control+k");
  await input.fill("tokens");
  await input.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Registration tokens" })).toBeVisible();
});
