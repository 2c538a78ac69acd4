import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";

test("the API reference renders the OpenAPI document's operations, fetching nothing from outside", async ({
  page,
  request,
}) => {
  const outside: string[] = [];
  page.on("request", (req) => {
    const { hostname, protocol } = new URL(req.url());
    if ((protocol === "http:" || protocol === "https:") && hostname !== "localhost") outside.push(req.url());
  });
  const shell = new AppShell(page);
  await shell.signIn();
  const documentFetched = page.waitForResponse(
    (res) => res.url().endsWith("/api/v1/openapi.json") && res.status() === 200,
  );
  await shell.goTo("API reference");
  await documentFetched;

  // The first tag's operations are open; every other tag is a group in the reference's sidebar.
  for (const summary of ["List gateways", "Register a gateway", "Rotate a gateway's OpAMP token"]) {
    await expect(page.getByText(summary, { exact: true }).first()).toBeVisible();
  }
  for (const tag of ["Registration tokens", "API keys", "Templates", "Deployments", "Settings", "Gateway routes"]) {
    await expect(page.getByRole("button", { name: `Open Group - ${tag}` })).toBeVisible();
  }
  await page.getByRole("button", { name: "Open Group - Deployments" }).click();
  await expect(page.getByText("Create a deployment", { exact: true }).first()).toBeVisible();
  expect(outside, "requests to hosts other than the app").toEqual([]);

  // The document itself is public.
  const doc = await (await request.get("/api/v1/openapi.json", { headers: { cookie: "" } })).json();
  expect(doc.openapi).toBe("3.1.0");
});
