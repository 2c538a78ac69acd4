import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminAuth, unique } from "./pages/agents";
import { TransformStudio } from "./pages/transforms";
import { SAMPLE_A } from "../integration/cardinality-fixtures";

/** A metrics sample stored through the API (an upload), as the explorer's input. */
async function storeSample(request: import("@playwright/test").APIRequestContext, name: string) {
  const res = await request.post("/api/v1/samples", {
    headers: adminAuth(),
    data: { name, signal: "metrics", format: "otlp_json", content: JSON.stringify(SAMPLE_A) },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

test("the explorer's 'Drop this label' opens the studio with the step and the sample filled in", async ({
  page,
  request,
}) => {
  const name = unique("card");
  const sample = await storeSample(request, name);
  await new AppShell(page).signIn();
  await page.goto(`/cardinality?sample=${sample.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Cardinality" })).toBeVisible();
  await expect(page.getByTestId("cardinality-totals")).toContainText("17 series");

  const metric = page.getByTestId("metric-http.server.request.count");
  // The name, not the summary's middle: the "Drop this metric" link sits in the summary too.
  await metric.locator("summary").getByText("http.server.request.count", { exact: true }).click();
  const label = page.getByTestId("label-http.server.request.count-user.id");
  await expect(label).toContainText("10"); // distinct values
  await expect(label).toContainText("2 of 10"); // series left once dropped
  await label.getByRole("link", { name: "Drop this label" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "New transform" })).toBeVisible();
  const studio = new TransformStudio(page);
  await expect(studio.steps).toHaveCount(1);
  const step = studio.step("delete_labels");
  await expect(step).toBeVisible();
  await expect(step.getByRole("textbox", { name: "Labels" })).toHaveValue("user.id");
  await expect(step.getByRole("textbox", { name: /^Metric/ })).toHaveValue("http.server.request.count");
  await expect(page.getByLabel("Name")).toHaveValue("drop-user-id-from-http-server-request-count");
  await expect(page.getByLabel("Signal")).toHaveValue("metrics");
  // The sample came along: the preview runs on its 3 metrics.
  await expect(page.getByText(`3 metrics from ${name}`)).toBeVisible();
});

test("an imported name list leaves the other metrics unused, and 'Drop' opens the studio on drop_metrics", async ({
  page,
  request,
}) => {
  const sample = await storeSample(request, unique("unused"));
  await new AppShell(page).signIn();
  await page.goto(`/cardinality?sample=${sample.id}`);
  const form = page.getByTestId("import-references");
  await form.getByLabel("Name").fill(unique("list"));
  await form.getByLabel("Kind").selectOption("name_list");
  await form.getByLabel("Content").fill("http_server_duration_milliseconds_bucket\nhttp_server_request_count_total\n");
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByRole("status")).toContainText("2 metric names");

  const row = page.getByTestId("unused-queue.size");
  await expect(row).toContainText("queue_size");
  await expect(page.getByTestId("unused-http.server.duration")).toHaveCount(0);
  await row.getByRole("link", { name: "Drop" }).click();
  const studio = new TransformStudio(page);
  await expect(studio.step("drop_metrics")).toBeVisible();
  await expect(studio.step("drop_metrics").getByLabel("Names")).toHaveValue("queue.size");

  // A step the signal does not have (or no valid step at all) opens a plain new transform.
  await page.goto(`/transforms/new?signal=metrics&step=${encodeURIComponent('{"kind":"drop_records"}')}`);
  await expect(page.getByRole("heading", { level: 1, name: "New transform" })).toBeVisible();
  await expect(studio.steps).toHaveCount(0);
});
