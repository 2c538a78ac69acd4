import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:fault`: fault tests that start their own PostgreSQL cluster and run for minutes; not in `npm test`.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    pool: "forks",
    maxWorkers: 1,
    include: ["tests/fault/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
