import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3210);

// Auth.js builds its URLs on "localhost" (Next rewrites 127.x to it), so the browser must use it too: on 127.0.0.1
// the sign-in form would post to another origin without the CSRF cookie.
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // Warnings only: the access log of every request would bury the test output.
    env: { PORT: String(port), LOG_LEVEL: "warn" },
  },
});
