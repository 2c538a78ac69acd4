import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";

test("pages carry the security headers, and render and hydrate under the CSP with no violation", async ({ page }) => {
  // Every CSP violation the browser reports, whatever the console says.
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));

  const res = await page.goto("/sign-in");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();

  const shell = new AppShell(page);
  await shell.signIn();
  await shell.goTo("Agents");
  // The API reference is a client-only Vue app: it shows its operations only once scripts ran under the CSP.
  const documentFetched = page.waitForResponse((r) => r.url().endsWith("/api/v1/openapi.json") && r.status() === 200);
  await shell.goTo("API reference");
  await documentFetched;
  // A Vue app of a few MB: on a loaded machine it takes longer than the default 10 s to show its operations.
  await expect(page.getByText("List gateways", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  // A client-side navigation back proves the app shell hydrated.
  await shell.goTo("Agents");

  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
  expect(consoleErrors.filter((t) => /Content Security Policy|Refused to/i.test(t))).toEqual([]);
});

test("a cookie-authenticated write from another origin is refused with 403", async ({ page }) => {
  const shell = new AppShell(page);
  await shell.signIn();
  const body = { name: "csrf-probe", role: "viewer" };
  const evil = await page.request.post("/api/v1/api-keys", { data: body, headers: { origin: "https://evil.example" } });
  expect(evil.status()).toBe(403);
  const own = await page.request.post("/api/v1/api-keys", {
    data: body,
    headers: { origin: new URL(page.url()).origin },
  });
  expect(own.status()).toBe(201);
});
