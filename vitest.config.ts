import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        // Pure logic beside its code: no build, no server, no database. `npm run test:unit` runs only this.
        extends: true,
        // scrypt password hashing takes seconds on a loaded 2-core machine.
        test: { name: "unit", include: ["lib/**/*.test.ts"], testTimeout: 15_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/global-setup.ts"],
          // PGlite start-up (initdb in WASM) takes seconds, and server tests boot a real server process.
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
