import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureTemplate } from "./helpers/db-templates";

/**
 * Server tests run the production build; build it once per run unless the caller already did (scripts/test.mjs).
 * Test databases start as copies of one migrated template (tests/helpers/db-templates.ts).
 */
export default async function setup() {
  await ensureTemplate(process.env.DATABASE_URL);
  const dist = path.resolve(process.env.FLOWGATE_NEXT_DIST || ".next");
  if (process.env.FLOWGATE_SKIP_BUILD === "1" && fs.existsSync(path.join(dist, "BUILD_ID"))) return;
  execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
}
