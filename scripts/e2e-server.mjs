// Starts the built app for Playwright on a fresh database: a new PGlite folder, or a new database on the
// DATABASE_URL server (dropped on exit), so end-to-end runs never see earlier rows.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const port = process.env.PORT || "3210";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-e2e-"));
const env = {
  ...process.env,
  NODE_ENV: "production",
  FLOWGATE_DATA_DIR: dataDir,
  FLOWGATE_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD || "flowgate-e2e-admin",
  // Rollout gates are watched for seconds in the specs, not the minute the server asks for by default.
  FLOWGATE_GATE_MIN_WATCH_SECONDS: process.env.FLOWGATE_GATE_MIN_WATCH_SECONDS || "1",
  // Alert rules are evaluated every second, so the alerts spec sees a firing within seconds.
  FLOWGATE_ALERTS_TICK_MS: process.env.FLOWGATE_ALERTS_TICK_MS || "1000",
};
let dropDb = async () => {};
if (process.env.DATABASE_URL) {
  const name = `flowgate_e2e_${Date.now()}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDb = async () => {
    const a = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  };
}
// Specs run the real CLI against this server (tests/e2e/pages/cli.ts): tell them where its database is.
const envFile = path.resolve(`.flowgate/e2e-${port}.json`);
fs.mkdirSync(path.dirname(envFile), { recursive: true });
fs.writeFileSync(envFile, JSON.stringify({ FLOWGATE_DATA_DIR: dataDir, DATABASE_URL: env.DATABASE_URL ?? "" }));
const child = spawn("node_modules/.bin/tsx", ["server.ts"], { env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", async (code) => {
  await dropDb().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(envFile, { force: true });
  process.exit(code ?? 0);
});
