// `npm start`: builds only when the production build is missing or older than its sources, then runs server.ts in
// production mode, passing signals through so a SIGTERM still drains the server.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildFreshness } from "./build-freshness.mjs";

const root = path.resolve(import.meta.dirname, "..");
const freshness = buildFreshness(root, process.env.FLOWGATE_NEXT_DIST || ".next");
if (freshness.stale) {
  console.log(`[start] building: ${freshness.reason}`);
  const build = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status || 1);
} else console.log(`[start] skipping the build: ${freshness.reason}`);

const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
