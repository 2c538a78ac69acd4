import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";

test("settings: an admin enables the agent CA (generated), sees its fingerprint, and deletes it", async ({ page }) => {
  await new AppShell(page).signIn();
  await page.goto("/settings");
  const card = page.getByTestId("agent-ca");
  await expect(card.getByTestId("agent-ca-disabled")).toBeVisible();

  await card.getByRole("button", { name: "Enable agent CA" }).click();
  await expect(card.getByTestId("agent-ca-source")).toHaveText("generated");
  const fingerprint = (await card.getByTestId("agent-ca-fingerprint").textContent())!;
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  // The page shows what the API has (never the key).
  const api = await page.request.get("/api/v1/settings/agent-ca");
  const body = await api.json();
  expect(body.fingerprint_sha256).toBe(fingerprint);
  expect(JSON.stringify(body)).not.toContain("PRIVATE KEY");

  page.once("dialog", (d) => void d.accept());
  await card.getByRole("button", { name: "Delete CA" }).click();
  await expect(card.getByTestId("agent-ca-disabled")).toBeVisible();
});
