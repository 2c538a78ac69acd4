import { expect, test } from "@playwright/test";
import { AppShell, ADMIN } from "./pages/app";
import { adminApiKey } from "./pages/cli";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Next adds an empty role=alert route announcer, so look for our message by its text.
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
});

test("the admin signs in, walks the shell, creates and revokes an API key, and signs out", async ({
  page,
  request,
}) => {
  const shell = new AppShell(page);
  await shell.signIn();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  for (const label of [
    "Agents",
    "Registration tokens",
    "Templates",
    "Deployments",
    "Transforms",
    "Routes",
    "Settings",
  ]) {
    await shell.goTo(label);
  }

  await page.getByLabel("Name").fill("e2e-key");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = (await page.getByTestId("new-api-key-value").textContent())!;
  expect(key).toMatch(/^fgk_/);
  const row = page.getByTestId("api-key-row").filter({ hasText: "e2e-key" });
  await expect(row).toContainText("active");

  // The key shown once really authenticates the API...
  expect((await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  // ...and stops once revoked.
  expect((await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);

  await shell.signOut();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("specs can prepare data through the real CLI", async ({ request }) => {
  const { key, org_id } = adminApiKey();
  const res = await request.get(`/api/v1/api-keys?org_id=${org_id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
});
