import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, registerGateway, unique } from "./pages/agents";
import { createMultiOrgUser, createOrgWithKey } from "./pages/orgs";
import { generatedLogLines, TransformStudio } from "./pages/transforms";

/** Replaces the template editor's text the way a paste does (typing would trigger CodeMirror's auto-indent). */
async function setEditorText(page: Page, text: string) {
  await page.getByTestId("yaml-editor").locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

const templateWith = (transform: string) => `receivers:
  otlp:
    protocols:
      http:
        endpoint: 0.0.0.0:4318
exporters:
  debug:
    verbosity: basic
service:
  pipelines:
    logs:
      receivers: [otlp]
      processors: [flowgate_transform/${transform}]
      exporters: [debug]
`;

test("the empty list explains transforms and opens a ready example that is not saved until the user saves", async ({
  page,
}) => {
  // An organisation of its own: other specs on the shared server make transforms in the default one.
  const org = unique("e2e-empty-tf").toLowerCase();
  const email = `${org}@example.test`;
  createOrgWithKey(org);
  createMultiOrgUser(email, "empty-transforms-pw", [org]);
  await new AppShell(page).signIn(email, "empty-transforms-pw");
  await new AppShell(page).goTo("Transforms");
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No transforms yet");
  await expect(empty).toContainText("flowgate_transform/<name>");
  await empty.getByRole("link", { name: /drop debug logs and redact e-mails/ }).click();

  const studio = new TransformStudio(page);
  await expect(studio.steps).toHaveCount(2);
  await expect(page.getByLabel("Name")).toHaveValue("drop-debug-redact-email");
  // The example sample: 5 records, the 2 DEBUG ones dropped, the e-mail masked.
  await studio.expectRecords(5, 3);
  await expect(
    page.getByTestId("preview-record").filter({ hasText: "password reset" }).getByTestId("record-after"),
  ).toContainText("****");

  // Leaving with unsaved changes asks first; declining stays in the studio.
  page.once("dialog", (d) => d.dismiss());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Transforms" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New transform" })).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Transforms" }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No transforms yet");
});

test("build a log transform on 1,000 pasted lines, save it, use it in a template and deploy that", async ({
  page,
  request,
}) => {
  // One flow through four pages (studio, template editor, deployment form, deployment); each wait keeps its own 10 s.
  test.setTimeout(180_000);
  const name = unique("e2e-tf").toLowerCase();
  const tplName = unique("e2e-tf-tpl");
  const tag = unique("e2e-tf-tag");
  const shell = new AppShell(page);
  await shell.signIn();

  const studio = new TransformStudio(page);
  await studio.gotoNew();
  await page.getByLabel("Name").fill(name);
  const lines = generatedLogLines(1000);
  await studio.pasteSamples(lines.text);
  await expect(page.getByTestId("sample-summary")).toContainText("1,000");
  await studio.expectRecords(1000, 1000);

  // Drop records below INFO: the step starts without a condition (inline error), then gets one.
  await studio.addStep("Drop records");
  const drop = studio.step("drop_records");
  await expect(drop.getByTestId("step-field-error")).toContainText("add at least one condition");
  await drop.getByRole("button", { name: "Add condition" }).click();
  await drop.getByLabel("Severity", { exact: true }).selectOption("INFO");
  await expect(drop.getByTestId("step-field-error")).toHaveCount(0);
  await studio.expectRecords(1000, 1000 - lines.debug);
  await expect(page.getByTestId("preview-record").first()).toHaveAttribute("data-status", "dropped");

  // Redact e-mails: invalid until a pattern is chosen, then the after view masks the address.
  await studio.addStep("Redact");
  const redact = studio.step("redact");
  await expect(redact.getByTestId("step-field-error")).toContainText(/choose (either )?a built-in pattern/);
  await redact.getByLabel("Builtin").selectOption("email");
  await expect(redact.getByTestId("step-field-error")).toHaveCount(0);
  const withEmail = page.getByTestId("preview-record").filter({ hasText: "user1@example.com" });
  await expect(withEmail.getByTestId("record-after")).not.toContainText("user1@example.com");
  await expect(withEmail.getByTestId("record-after").locator('[data-change="changed"]').first()).toBeVisible();
  await expect(page.getByTestId("total-saved")).not.toHaveText("0%");

  // Turning a step off and on re-runs compile + preview on the 1,000 records; the page measures each run. (The very
  // first run of a new regex also pays for the browser's JIT warm-up; what is held to 200 ms is an edit's update.)
  const redactOn = page.getByLabel("Enable step 2: Redact");
  await redactOn.uncheck();
  await expect(withEmail.getByTestId("record-after")).toContainText("user1@example.com");
  await redactOn.check();
  await expect(withEmail.getByTestId("record-after")).not.toContainText("user1@example.com");
  const ms = await studio.previewMs();
  expect(ms).toBeGreaterThan(0);
  test.info().annotations.push({ type: "preview-ms", description: `${ms} ms for 1,000 records` });
  expect.soft(ms, "compile + preview of 1,000 records in the browser").toBeLessThan(200);

  // The compiled processors are in the YAML tab.
  await page.getByRole("tab", { name: "Compiled YAML" }).click();
  await expect(page.getByLabel("Compiled processors")).toContainText("filter/");
  await page.getByRole("tab", { name: "Before / after" }).click();

  await page.getByLabel("Version message").fill("drop debug, mask e-mails");
  await page.getByRole("button", { name: "Create transform" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("latest-version")).toHaveText("Version 1");
  await expect(studio.steps).toHaveCount(2);
  await expect(page.getByTestId("used-by")).toHaveText("Not used by any template");

  // A template whose logs pipeline references the transform validates and saves.
  await shell.goTo("Templates");
  await page.getByRole("link", { name: "New template" }).first().click();
  await expect(page.getByTestId("transform-hint")).toContainText(`flowgate_transform/${name}`);
  await page.getByLabel("Name").fill(tplName);
  await setEditorText(page, templateWith(name));
  await expect(page.getByTestId("validation-summary")).toHaveText(/^Valid/);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: tplName })).toBeVisible();

  // The transform now lists the template, and cannot be deleted while it does.
  await shell.goTo("Transforms");
  await expect(page.getByTestId("transform-row").filter({ hasText: name }).getByTestId("used-by")).toHaveText(tplName);
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete transform" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText(tplName);
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  // Deploy the template through the new-deployment form to a tagged gateway (registered, no agent needed).
  const gw = await registerGateway(request, unique("e2e-tf-gw"));
  expect(
    (
      await request.put(`/api/v1/gateways/${gw.id}/tags`, { headers: adminAuth(), data: { tags: { tf: tag } } })
    ).status(),
  ).toBe(200);
  await shell.goTo("Deployments");
  await page.getByRole("link", { name: "New deployment" }).first().click();
  await page.getByLabel("Template").selectOption({ label: tplName });
  await page.getByLabel("Selector").fill(`tf=${tag}`);
  await expect(page.getByTestId("target-preview")).toContainText("Matches 1 gateway");
  // The dry run renders what the gateway gets: plain collector processors in place of the reference.
  await page.getByRole("button", { name: `Dry run on ${gw.name}` }).click();
  const rendered = page.getByTestId("dry-run-diff");
  await expect(rendered).toContainText("filter/");
  await expect(rendered).not.toContainText("flowgate_transform/");
  await page.getByRole("button", { name: "Start deployment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${tplName} v1` })).toBeVisible();
});
