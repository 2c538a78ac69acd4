import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createTestDatabaseTarget, type TestDatabaseTarget } from "./db";

export const ADMIN_EMAIL = "admin@flowgate.local";
export const ADMIN_PASSWORD = "flowgate-test-admin";
const ROOT = path.resolve(import.meta.dirname, "../..");

export type TestServer = {
  url: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** The database instance id server.ts reported at start. */
  databaseInstance: string;
  env: Record<string, string>;
  logs(): string;
  /** Runs the real `flowgate` CLI with this server's database settings. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** An owner API key for the default org, created through the CLI (cached). */
  adminKey(): Promise<{ key: string; org_id: string }>;
  stop(): Promise<void>;
};

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Starts a server process on the built app: a real `tsx server.ts` (production mode) on a free port and a fresh DB. */
export async function startServer(
  opts: { env?: Record<string, string>; target?: TestDatabaseTarget } = {},
): Promise<TestServer> {
  const target = opts.target ?? (await createTestDatabaseTarget());
  const env: Record<string, string> = {
    NODE_ENV: "production",
    PORT: "0",
    HOSTNAME: "127.0.0.1",
    FLOWGATE_DATA_DIR: target.dataDir,
    FLOWGATE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    ...opts.env,
  };
  if (!target.databaseUrl) env.DATABASE_URL = "";
  // node --import tsx (not the tsx CLI, which would sit between us) so server.ts gets our IPC channel and reports
  // its port and database instance over it once it listens.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  let startTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<{ port: number; instance: string }>((resolve, reject) => {
    child.on("message", (m: { type?: string; port?: number; databaseInstance?: string }) => {
      // Started: the start timeout must not kill it later (it did, 60 s after the spawn, mid-test).
      if (m.type === "listening") {
        clearTimeout(startTimer);
        resolve({ port: m.port!, instance: m.databaseInstance! });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
    // A loaded machine (parallel builds) may need longer: FLOWGATE_TEST_SERVER_START_MS, with a larger --hookTimeout.
    const startMs = Number(process.env.FLOWGATE_TEST_SERVER_START_MS) || 60_000;
    startTimer = setTimeout(() => {
      // A server that never reported would otherwise outlive the test run and load the machine.
      child.kill("SIGKILL");
      reject(new Error(`server did not start within ${startMs / 1000} s:\n${output}`));
    }, startMs).unref();
  });
  const { port, instance } = await ready;
  let cachedKey: { key: string; org_id: string } | undefined;
  const server: TestServer = {
    url: `http://localhost:${port}`,
    port,
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    databaseInstance: instance,
    env,
    logs: () => output,
    cli: (args) => run(process.execPath, [path.join(ROOT, "bin/flowgate.mjs"), ...args], env),
    async adminKey() {
      if (cachedKey) return cachedKey;
      const r = await server.cli([
        "api-key",
        "create",
        "--org",
        "default",
        "--role",
        "owner",
        "--name",
        `test-${Date.now()}`,
        "--json",
      ]);
      if (r.code !== 0) throw new Error(`api-key create failed: ${r.stderr}`);
      cachedKey = JSON.parse(r.stdout);
      return cachedKey!;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (!opts.target) await target.drop();
    },
  };
  return server;
}
