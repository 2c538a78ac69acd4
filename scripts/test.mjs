// `npm test`: lint and format check, build once, then every vitest test (unit + integration) and the Playwright
// end-to-end tests on the embedded PGlite database and, when DATABASE_URL is set, on that PostgreSQL server too.
// One build and one lint serve both databases (CI runs this once, with DATABASE_URL set).
import { spawnSync } from "node:child_process";

const bin = (name) => `node_modules/.bin/${name}`;
const { DATABASE_URL, ...withoutDatabase } = process.env;
const base = { ...withoutDatabase, FLOWGATE_SKIP_BUILD: "1" };
const databases = [["PGlite", base], ...(DATABASE_URL ? [["PostgreSQL", { ...base, DATABASE_URL }]] : [])];
const steps = [
  ["eslint", bin("eslint"), ["."], base],
  ["prettier --check", bin("prettier"), ["--check", "."], base],
  ["next build", bin("next"), ["build"], base],
  ...databases.flatMap(([db, env]) => [
    [`vitest (${db})`, bin("vitest"), ["run"], env],
    [`playwright (${db})`, bin("playwright"), ["test"], env],
  ]),
];
console.log(
  `[test] databases: ${databases.map(([db]) => db).join(", ")}${DATABASE_URL ? "" : " (set DATABASE_URL to add PostgreSQL)"}`,
);
for (const [name, cmd, args, env] of steps) {
  const t0 = Date.now();
  console.log(`\n[test] ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  console.log(`[test] ${name}: ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.status !== 0) {
    console.error(`[test] ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
console.log("\n[test] all passed");
