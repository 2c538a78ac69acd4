import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { unique } from "./pages/agents";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
  await page.goto("/registration-tokens");
  await expect(page.getByRole("heading", { level: 1, name: "Registration tokens" })).toBeVisible();
});

const row = (page: import("@playwright/test").Page, name: string) =>
  page.getByTestId("registration-token-row").filter({ has: page.getByRole("cell", { name, exact: true }) });

test("a single-use token is shown once with copy and docker lines, registers one gateway, then is used up", async ({
  page,
  request,
}) => {
  const name = unique("rt-single");
  await page.getByLabel("Name").fill(name);
  await expect(page.getByLabel("Single use")).toBeChecked();
  await page.getByRole("button", { name: "Create token" }).click();

  const shown = page.getByTestId("new-registration-token");
  const token = (await page.getByTestId("new-registration-token-value").textContent())!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
  await expect(shown.getByTestId("snippet-docker-run")).toContainText(`REGISTRATION_TOKEN=${token}`);
  await expect(shown.getByTestId("snippet-docker-run")).toContainText("BACKEND_URL=http://localhost:");
  await expect(shown.getByTestId("snippet-docker-compose")).toHaveText(
    `REGISTRATION_TOKEN=${token} docker compose up -d gateway`,
  );
  await shown.getByRole("button", { name: "Copy token" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  await expect(row(page, name).getByTestId("status-badge")).toHaveText("active");
  await expect(row(page, name).getByTestId("token-uses")).toHaveText("0 / 1");

  // The shown token is the real one: it registers exactly one gateway.
  const register = (instance: string) =>
    request.post("/api/v1/gateways", {
      headers: { authorization: `Bearer ${token}` },
      data: { instance_id: instance },
    });
  expect((await register(unique("rt-gw"))).status()).toBe(201);
  expect((await register(unique("rt-gw"))).status()).toBe(401);

  await page.reload();
  await expect(row(page, name).getByTestId("status-badge")).toHaveText("used up");
  await expect(row(page, name).getByTestId("token-uses")).toHaveText("1 / 1");
  // Shown once: after a reload the value is nowhere on the page.
  await expect(page.getByTestId("new-registration-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
});

test("an unlimited token (Kubernetes replicas) registers many gateways until revoked, after confirmation", async ({
  page,
  request,
}) => {
  const name = unique("rt-unlimited");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires in (days)").fill("7");
  await page.getByLabel("Unlimited until expiry (Kubernetes replicas)").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-registration-token-value").textContent())!;
  await expect(row(page, name).getByTestId("token-uses")).toHaveText("0 / unlimited");

  const register = () =>
    request.post("/api/v1/gateways", {
      headers: { authorization: `Bearer ${token}` },
      data: { instance_id: unique("replica") },
    });
  for (let i = 0; i < 3; i++) expect((await register()).status()).toBe(201);
  await page.reload();
  await expect(row(page, name).getByTestId("token-uses")).toHaveText("3 / unlimited");

  // Cancel leaves it active; confirming revokes it.
  await row(page, name).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(row(page, name).getByTestId("status-badge")).toHaveText("active");
  await row(page, name).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row(page, name).getByTestId("status-badge")).toHaveText("revoked");
  await expect(row(page, name).getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const refused = await register();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ detail: "Invalid or expired registration token" });
});

test("a limited token takes its number of uses, and bad input gets a clear message", async ({ page }) => {
  const name = unique("rt-limited");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Limited number of uses").check();
  await page.getByLabel("Max uses").fill("5");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(row(page, name).getByTestId("token-uses")).toHaveText("0 / 5");

  // The browser's own checks are bypassed to prove the server action refuses it too.
  await page.getByLabel("Name").fill("   ");
  await page
    .getByLabel("Name")
    .locator("xpath=ancestor::form")
    .evaluate((f) => f.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Name is required" })).toBeVisible();
});

test("after a limited token, the form is back to single use with no Max uses, and the next token is what it shows", async ({
  page,
}) => {
  const limited = unique("rt-limited-reset");
  await page.getByLabel("Name").fill(limited);
  await page.getByLabel("Limited number of uses").check();
  await page.getByLabel("Max uses").fill("4");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(row(page, limited).getByTestId("token-uses")).toHaveText("0 / 4");
  await expect(page.getByLabel("Single use")).toBeChecked();
  await expect(page.getByLabel("Max uses")).toHaveCount(0);

  const again = unique("rt-limited-again");
  await page.getByLabel("Name").fill(again);
  await page.getByLabel("Limited number of uses").check();
  await page.getByLabel("Max uses").fill("2");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(row(page, again).getByTestId("token-uses")).toHaveText("0 / 2");
});
