import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminApiKey } from "./pages/cli";
import { SAMPLE_COLLECTOR_CONFIG } from "../../lib/templates/sample-config";

const V1 = SAMPLE_COLLECTOR_CONFIG;
const BAD = V1.replaceAll("debug", "kafka");
const BAD_LINE = BAD.split("\n").indexOf("  kafka:") + 1;
const V2 = V1.replace("verbosity: basic", "verbosity: detailed");

/** Replaces the editor's whole text the way a paste does (typing would trigger CodeMirror's auto-indent). */
async function setEditorText(page: Page, text: string) {
  const content = page.getByTestId("yaml-editor").locator(".cm-content");
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

async function createTemplate(page: Page, name: string) {
  await new AppShell(page).goTo("Templates");
  await page.getByRole("link", { name: "New template" }).first().click();
  await page.getByLabel("Name").fill(name);
  await setEditorText(page, V1);
  await expect(page.getByTestId("validation-summary")).toHaveText(/^Valid/);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("latest-version")).toHaveText("Version 1");
}

test("create a template, see a bad edit pinned to its line, fix it, save, diff, and set it as the base config", async ({
  page,
}) => {
  const name = `e2e-tpl-${Date.now()}`;
  await new AppShell(page).signIn();
  await createTemplate(page, name);

  // A bad edit: an exporter the gateway build does not have. The error is listed with its line and underlined there.
  await setEditorText(page, BAD);
  const summary = page.getByTestId("validation-summary");
  await expect(summary).toHaveText("1 error");
  const issue = page.getByTestId("issue-error");
  await expect(issue).toContainText(`Line ${BAD_LINE}`);
  await expect(issue).toContainText('Unsupported exporter "kafka"');
  const marked = page.getByTestId("yaml-editor").locator(".cm-lintRange-error");
  await expect(marked).toHaveText("kafka:");
  await expect(page.getByTestId("yaml-editor").locator(".cm-gutter-lint .cm-lint-marker-error")).toHaveCount(1);
  // Clicking the message puts the cursor on that line.
  await issue.click();
  await expect(page.getByTestId("yaml-editor").locator(".cm-activeLine")).toHaveText("  kafka:");

  // Fix it and save a new version with a message.
  await setEditorText(page, V2);
  await expect(summary).toHaveText(/^Valid/);
  await page.getByLabel("Version message").fill("more detail in debug output");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("latest-version")).toHaveText("Version 2");
  const rows = page.getByTestId("version-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("more detail in debug output");

  // The diff between the two versions is shown, and any pair can be picked.
  const diff = page.getByTestId("diff-view");
  await expect(diff).toContainText("-    verbosity: basic");
  await expect(diff).toContainText("+    verbosity: detailed");
  await page.getByLabel("From").selectOption("2");
  await page.getByRole("button", { name: "Show diff" }).click();
  await expect(page.getByTestId("diff-empty")).toHaveText("No differences.");
  await page.getByLabel("From").selectOption("1");
  await page.getByRole("button", { name: "Show diff" }).click();
  await expect(page.getByTestId("diff-stats")).toHaveText("+1 −1");

  // Set as base config: the badge appears here and in the list.
  await page.getByRole("button", { name: "Set as base config" }).click();
  await expect(page.getByTestId("base-badge")).toHaveText("Base config");
  await new AppShell(page).goTo("Templates");
  await expect(page.getByTestId("template-row").filter({ hasText: name })).toContainText("Base config");

  // Every save is in the audit log.
  await new AppShell(page).goTo("Settings");
  await expect(page.getByTestId("audit-row").filter({ hasText: name }).first()).toContainText("template.set_base");
});

test("a save from a stale version gets the 409 message and can reload the newer version", async ({ page, request }) => {
  const name = `e2e-race-${Date.now()}`;
  await new AppShell(page).signIn();
  await createTemplate(page, name);
  const templateId = page.url().split("/").pop()!;

  // Someone else saves version 2 through the API while this editor still shows version 1.
  const { key } = adminApiKey();
  const res = await request.post(`/api/v1/templates/${templateId}/versions`, {
    headers: { authorization: `Bearer ${key}` },
    data: { content: V2, message: "from the API", base_version: 1 },
  });
  expect(res.status()).toBe(201);

  await setEditorText(page, V1.replace("0.0.0.0:4317", "0.0.0.0:4319"));
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("save-error")).toContainText(
    "Template was changed by someone else (now at version 2): reload to see their changes",
  );
  await page.getByRole("button", { name: "Reload version 2" }).click();
  await expect(page.getByTestId("latest-version")).toHaveText("Version 2");
  await expect(page.getByTestId("yaml-editor").locator(".cm-content")).toContainText("verbosity: detailed");
});

test("an admin changes an org setting in Settings, sees bad values refused, and the change in the audit log", async ({
  page,
}) => {
  await new AppShell(page).signIn();
  await new AppShell(page).goTo("Settings");
  const form = page.getByRole("form", { name: "Organization settings" });
  await form.getByLabel("Heartbeat interval (seconds)").fill("5000");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("alert")).toHaveText("opamp.heartbeat_interval_seconds: must be 0 (off) to 3600");
  await expect(form.getByLabel("Heartbeat interval (seconds)")).toHaveValue("5000");

  await form.getByLabel("Heartbeat interval (seconds)").fill("30");
  await form.getByLabel("Apply timeout (seconds)").fill("299");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");
  await expect(page.getByTestId("audit-row").first()).toContainText("settings: deployments.apply_timeout_seconds");
  // Put the default back so other specs see an untouched org.
  await form.getByLabel("Apply timeout (seconds)").fill("300");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByLabel("Apply timeout (seconds)")).toHaveValue("300");
  await expect(page.getByTestId("audit-row").first()).toContainText("settings.update");
});
