import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { processTree } from "./proc";
import { createScratchDatabase } from "../tests/helpers/scratch-database";

export const ROOT = path.resolve(import.meta.dirname, "..");

/** `npm run bench` measures the production server: build it first when this dist folder has no build. */
export function ensureBuild(): void {
  const dist = path.resolve(ROOT, process.env.FLOWGATE_NEXT_DIST || ".next");
  if (fs.existsSync(path.join(dist, "BUILD_ID"))) return;
  console.log(`[bench] no production build in ${path.relative(ROOT, dist)}: running next build`);
  execFileSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], { cwd: ROOT, stdio: "inherit" });
}

export type BenchDatabase = { url?: string; driver: "pglite" | "postgres"; drop(): Promise<void> };

/** A fresh database for this run: a new database on DATABASE_URL's server, else an embedded PGlite folder. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) return { driver: "pglite", drop: async () => {} };
  const db = await createScratchDatabase(base, "flowgate_bench");
  return { url: db.url, driver: "postgres", drop: db.drop };
}

export type ServerProcess = {
  url: string;
  pid: number;
  env: Record<string, string>;
  logFile: string;
  pids(): number[];
  /** Stops the process; `keepData` leaves its data folder for a restart (startServerProcess's `dataDir`). */
  stop(keepData?: boolean): Promise<void>;
};

/**
 * Starts `server.ts` (through tsx) in production mode on a free port and waits for its "listening" line. Its whole
 * output goes to a log file in the temp folder, kept after the run for diagnosis. With `nodeArgs` (e.g. --cpu-prof,
 * which NODE_OPTIONS refuses) node runs the server itself with tsx as its loader. With `dataDir` it restarts on the
 * folder (and embedded database) a stopped server kept.
 */
export async function startServerProcess(
  db: BenchDatabase,
  shared: Record<string, string>,
  nodeArgs: string[] = [],
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-bench-")),
): Promise<ServerProcess> {
  const env: Record<string, string> = {
    NODE_ENV: "production",
    PORT: "0",
    HOSTNAME: "127.0.0.1",
    FLOWGATE_DATA_DIR: dataDir,
    DATABASE_URL: db.url ?? "",
    ...shared,
  };
  return startProcess("server.ts", env, nodeArgs, `${dataDir}.log`, () =>
    fs.rmSync(dataDir, { recursive: true, force: true }),
  );
}

/** The in-memory OpAMP server (bench/ceiling-server.ts) that `--compare` measures FlowGate against. */
export function startCeilingServer(nodeArgs: string[] = []): Promise<ServerProcess> {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-ceiling-")), "ceiling.log");
  return startProcess("bench/ceiling-server.ts", {}, nodeArgs, logFile, () => {});
}

async function startProcess(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[],
  logFile: string,
  cleanUp: () => void,
): Promise<ServerProcess> {
  const log = fs.createWriteStream(logFile, { flags: "a" }); // a restarted server appends to its log
  // node --import tsx (not the tsx CLI) so the script gets our IPC channel and reports its port over it.
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (m: { type?: string; port?: number }) => {
      if (m.type === "listening") resolve(m.port!);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}; output in ${logFile}`)));
    setTimeout(() => reject(new Error(`${script} did not start within 120 s; output in ${logFile}`)), 120_000).unref();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    env,
    logFile,
    pids: () => processTree(child.pid!),
    async stop(keepData = false) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (!keepData) cleanUp();
    },
  };
}

/** Runs the real `flowgate` CLI against a server's database settings. */
export function cli(server: ServerProcess, args: string[]): string {
  return execFileSync(process.execPath, [path.join(ROOT, "bin/flowgate.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...server.env },
    encoding: "utf8",
  });
}
