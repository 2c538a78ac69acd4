import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Server tests run the production build; build it once per run unless the caller already did (scripts/test.mjs). */
export default function setup() {
  const dist = path.resolve(process.env.FLOWGATE_NEXT_DIST || ".next");
  if (process.env.FLOWGATE_SKIP_BUILD === "1" && fs.existsSync(path.join(dist, "BUILD_ID"))) return;
  execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
}
