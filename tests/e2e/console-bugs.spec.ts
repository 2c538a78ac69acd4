import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, registerGateway, unique } from "./pages/agents";
import { templateWith } from "../integration/transforms-fixtures";

/** Replaces the template editor's text the way a paste does (typing would trigger CodeMirror's auto-indent). */
async function setEditorText(page: Page, text: string) {
  await page.getByTestId("yaml-editor").locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

test.beforeEach(async ({ page }) => {
  await new AppShell(page).signIn();
});

test("new deployment: the refusal of an empty selector goes once a selector is typed", async ({ page, request }) => {
  const created = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: { name: unique("bug-selector"), content: templateWith("[batch]") },
  });
  expect(created.status()).toBe(201);
  await page.goto("/deployments/new");
  await page.getByRole("button", { name: "Start deployment" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Selector is empty" });
  await expect(refusal).toBeVisible();
  await page.getByLabel("Selector").fill(`nothing=${unique("here")}`);
  await expect(page.getByTestId("target-preview")).toHaveText("Matches no gateways");
  await expect(refusal).toHaveCount(0);
});

test("audit log: targets by their current name or full id, linked, at one UTC time format", async ({
  page,
  request,
}) => {
  const gw = await registerGateway(request, unique("bug-audit-gw"));
  const tags = await request.put(`/api/v1/gateways/${gw.id}/tags`, {
    headers: adminAuth(),
    data: { tags: { audit: "yes" } },
  });
  expect(tags.status()).toBe(200);
  await page.goto("/settings");
  const row = page.getByTestId("audit-row").filter({ hasText: gw.name }).first();
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name: `“${gw.name}”` })).toHaveAttribute("href", `/agents/${gw.id}`);
  await expect(row.getByTestId("audit-time")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  // No row is reduced to an 8-character id.
  for (const text of await page.getByTestId("audit-row").allInnerTexts()) expect(text).not.toMatch(/\b[0-9a-f]{8}\s*$/);
});

test("a saved template edited into invalid YAML lists each issue once", async ({ page, request }) => {
  const content = templateWith("[batch]");
  const created = await request.post("/api/v1/templates", {
    headers: adminAuth(),
    data: { name: unique("bug-dup"), content },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/templates/${id}`);
  await expect(page.getByTestId("validation-summary")).toHaveText(/^Valid/);
  // The parser reports this one mistake at two columns of the line.
  await setEditorText(page, content.replace("endpoint: backend:4317", "endpoint: http: //backend: 4317"));
  await expect(page.getByTestId("validation-summary")).toHaveText(/error/);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("validation-summary")).toHaveText("1 error");
  const shown = await page.getByTestId("issue-error").allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  expect(new Set(shown).size).toBe(shown.length);
  // The refusal of the save does not repeat the panel's issues either.
  const alerts = await page.getByRole("alert").allInnerTexts();
  for (const issue of shown) expect(alerts.join("\n")).not.toContain(issue.replace(/^Line \d+/, "").trim());
});
