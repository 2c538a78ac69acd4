// `npm test`: lint and format check, build once, then every vitest test (unit + integration), then the Playwright
// end-to-end tests.
// The database under test is PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import { spawnSync } from "node:child_process";

const steps = [
  ["eslint", "node_modules/.bin/eslint", ["."]],
  ["prettier --check", "node_modules/.bin/prettier", ["--check", "."]],
  ["next build", "node_modules/.bin/next", ["build"]],
  ["vitest", "node_modules/.bin/vitest", ["run"]],
  ["playwright", "node_modules/.bin/playwright", ["test"]],
];
const env = { ...process.env, FLOWGATE_SKIP_BUILD: "1" };
console.log(`[test] database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite"}`);
for (const [name, cmd, args] of steps) {
  console.log(`\n[test] ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`[test] ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
console.log("\n[test] all passed");
