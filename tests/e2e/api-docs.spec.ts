import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";

test("the API reference renders the OpenAPI document's operations, fetching nothing from outside", async ({ page, request }) => {
  const outside: string[] = [];
  page.on("request", (req) => {
    const { hostname, protocol } = new URL(req.url());
    if ((protocol === "http:" || protocol === "https:") && hostname !== "localhost") outside.push(req.url());
  });
  const shell = new AppShell(page);
  await shell.signIn();
  const documentFetched = page.waitForResponse((res) => res.url().endsWith("/api/v1/openapi.json") && res.status() === 200);
  await shell.goTo("API reference");
  await documentFetched;

  // Tags and operations from lib/openapi/paths, as the reference lists them.
  for (const summary of ["List gateways", "Register a gateway", "Create a deployment", "Save a new version", "Register a route"]) {
    await expect(page.getByText(summary, { exact: true }).first()).toBeVisible();
  }
  await page.getByText("Create an API key", { exact: true }).first().click();
  await expect(page.getByText("fgk_", { exact: false }).first()).toBeVisible();
  expect(outside, "requests to hosts other than the app").toEqual([]);

  // The document itself is public.
  const doc = await (await request.get("/api/v1/openapi.json", { headers: { cookie: "" } })).json();
  expect(doc.openapi).toBe("3.1.0");
});
