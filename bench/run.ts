import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { Api } from "./api";
import { AgentPool } from "./pool";
import { apiProbe, sqlProbe, waitForCount, type StateProbe } from "./probe";
import { cpuMeter, usage } from "./proc";
import { compareEnv, compareWithCeiling } from "./compare";
import { ownMetricsPhase } from "./own-metrics";
import { isolationBench } from "./isolation";
import { stormBench } from "./storm";
import { freePort, INSPECT_ARGS, memoryBench } from "./memory";
import {
  cli,
  createBenchDatabase,
  ensureBuild,
  startCeilingServer,
  startServerProcess,
  type ServerProcess,
} from "./servers";
import { int, latency, mb, parseArgs, pct, percentile, seconds, SOCKETS_PER_SERVER, type Args } from "./stats";

/**
 * `npm run bench -- --agents N`: N simulated agents on real WebSockets against the production server, measuring
 * connect + full-state storage, sustained AgentToServer throughput, deployment rollout latency, RSS and CPU.
 * With `--compare`, the same agents first run against the in-memory ceiling (bench/ceiling-server.ts), then against
 * FlowGate, and a table gives each FlowGate figure as a ratio to the ceiling's.
 * With `--own-metrics`, the gateways instead report their own metrics over OTLP (bench/own-metrics.ts).
 * With `--isolation`, they heartbeat every second while one agent sends huge messages (bench/isolation.ts).
 * With `--memory`, the server restarts after the registrations and its RSS per connected agent is read (bench/memory.ts).
 * With `--storm`, they all dial at once and retry like opamp-go while REST calls are timed (bench/storm.ts).
 * Latency figures the tests no longer assert are listed in docs/benchmark.md.
 */
/** One config for the whole fleet, or (perGateway) one rendered per gateway through the ${INSTANCE_ID} variable. */
const TEMPLATE = (
  runId: string,
  perGateway: boolean,
) => `# FlowGate bench ${runId}${perGateway ? ": rendered for ${INSTANCE_ID}" : ""}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
processors:
  batch: {}
exporters:
  debug:
    verbosity: basic
service:
  pipelines:
    logs:
      receivers: [otlp]
      processors: [batch]
      exporters: [debug]
`;

const log = (s: string) => console.log(`[bench] ${s}`);

/** `--cpu-prof DIR`: each server process writes a V8 CPU profile there when it stops. */
const nodeArgs = (args: Args): string[] =>
  args.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args.cpuProfDir)}`] : [];

type Ctx = {
  args: Args;
  runId: string;
  servers: ServerProcess[];
  api: Api;
  probe: StateProbe;
  pool: AgentPool;
  results: string[];
};
const serverPids = (c: Ctx) => () => c.servers.flatMap((s) => s.pids());

/** Meters the servers and the agent workers over one phase. */
function meters(c: Ctx) {
  const server = cpuMeter(serverPids(c));
  const agents = cpuMeter(() => c.pool.pids);
  return (label: string) => {
    const m = server();
    const a = agents();
    return (
      `${label}: server CPU ${pct(m.cpuPercent)} of one core (${m.cpuSeconds.toFixed(1)} s over ${m.seconds.toFixed(1)} s)` +
      `, PostgreSQL processes ${pct(m.postgresCpuPercent)}, agent workers ${pct(a.cpuPercent)}`
    );
  };
}

/** "≈ N PostgreSQL transactions (x per unit)" since `before`, when the bench runs on PostgreSQL. */
async function txLine(c: Ctx, before: number | null, per: number, unit: string): Promise<string> {
  const after = await c.probe.transactions();
  if (before === null || after === null) return "";
  const n = after - before;
  return `; ≈${int(n)} PostgreSQL transactions (${(n / per).toFixed(2)} per ${unit})`;
}

async function connectPhase(c: Ctx, agents: Awaited<ReturnType<Api["registerGateways"]>>) {
  const tx0 = await c.probe.transactions();
  const meter = meters(c);
  const t0 = Date.now();
  const urls = c.servers.map((s) => `${s.url.replace("http", "ws")}/v1/opamp`);
  const r = await c.pool.connect(urls, agents, c.args.connectConcurrency);
  const opened = Date.now();
  if (r.failed) log(`${r.failed} agents failed to connect (first error: ${r.firstError})`);
  const stored = await waitForCount(() => c.probe.fullStateCount(), c.args.agents, 300_000, 100);
  const cpu = meter("  connect");
  const txs = await txLine(c, tx0, c.args.agents, "agent");
  c.results.push(
    `connect: ${int(r.ok)}/${int(c.args.agents)} sockets open and answered in ${seconds(opened - t0)}; ` +
      (stored.at
        ? `all connected with full state stored after ${seconds(stored.at - t0)}`
        : `only ${int(stored.last)} stored after 300 s`),
    `  one connect, p50 / p90: upgrade to 101 ${latency(r.upgradeMs)}, full state to first reply ${latency(r.firstReplyMs)}`,
    cpu + txs,
  );
}

/**
 * `--idle-seconds S`: the fleet as it runs day to day, each agent heartbeating every offered interval (30 s by
 * default) and nothing else, metered for S seconds right after connecting.
 */
async function idlePhase(c: Ctx) {
  const meter = meters(c);
  await new Promise((r) => setTimeout(r, c.args.idleSeconds * 1000));
  c.results.push(
    `idle: ${int(c.args.agents)} connected agents heartbeating on their own interval for ${c.args.idleSeconds} s`,
    meter("  idle"),
  );
}

async function heartbeatPhase(c: Ctx) {
  const tx0 = await c.probe.transactions();
  const meter = meters(c);
  const hb = await c.pool.heartbeats(c.args.heartbeatSeconds * 1000);
  const cpu = meter("  heartbeats"); // includes the 1.5 s drain after the last send
  const rate = hb.replies / (hb.elapsedMs / 1000);
  const txs = await txLine(c, tx0, hb.replies, "message");
  const stored = await waitForCount(() => c.probe.sequenceMatches(hb.lastSeq), c.args.agents, 30_000, 250);
  c.results.push(
    `heartbeats: ${int(hb.replies)} AgentToServer messages answered in ${seconds(hb.elapsedMs)} = ${int(rate)} msg/s sustained` +
      ` (${hb.errors} error responses); last sequence_num stored for ${int(stored.last)}/${int(c.args.agents)} agents`,
    cpu + txs,
  );
}

async function rolloutPhase(c: Ctx) {
  const template = await c.api.call<{ id: string }>("POST", `/api/v1/templates?org_id=${c.api.orgId}`, {
    name: `bench-${c.runId}`,
    content: TEMPLATE(c.runId, c.args.perGatewayConfig),
  });
  const tx0 = await c.probe.transactions();
  const meter = meters(c);
  const t0 = Date.now();
  const deployment = await c.api.call<{ id: string }>("POST", `/api/v1/deployments?org_id=${c.api.orgId}`, {
    name: `bench ${c.runId}`,
    template_id: template.id,
    target: { selector: `bench=${c.runId}` },
    strategy: { type: "all_at_once" },
  });
  const created = Date.now();
  const deadline = t0 + c.args.rolloutTimeoutSeconds * 1000;
  let times: number[] = [];
  while (Date.now() < deadline) {
    times = await c.pool.configTimes(t0);
    if (times.every((t) => t >= 0)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const got = times
    .filter((t) => t >= 0)
    .map((t) => t - t0)
    .sort((a, b) => a - b);
  const applied = await waitForCount(() => c.probe.appliedCount(), c.args.agents, 60_000, 250);
  const cpu = meter("  rollout");
  const txs = await txLine(c, tx0, c.args.agents, "agent");
  c.results.push(
    `rollout of ${c.args.perGatewayConfig ? "a config rendered per gateway" : "one config"} (deployment ${deployment.id}, POST answered in ${seconds(created - t0)}): RemoteConfig received by ${int(got.length)}/${int(c.args.agents)} agents;` +
      ` from POST to receipt first ${seconds(got[0] ?? NaN)}, p50 ${seconds(percentile(got, 50))}, p99 ${seconds(percentile(got, 99))}, max ${seconds(got[got.length - 1] ?? NaN)};` +
      (applied.at
        ? ` APPLIED stored for all after ${seconds(applied.at - t0)}`
        : ` APPLIED stored for ${int(applied.last)} within 60 s`),
    cpu + txs,
  );
}

async function runPhases(c: Ctx, agents: Awaited<ReturnType<Api["registerGateways"]>>) {
  await connectPhase(c, agents);
  log(c.results.at(-2)!);
  if (c.args.idleSeconds) {
    await idlePhase(c);
    log(c.results.at(-1)!);
  }
  await heartbeatPhase(c);
  log(c.results.at(-2)!);
  await rolloutPhase(c);
  c.results.push(
    ...c.servers.map((s, i) => {
      const each = s.pids().map((pid) => usage([pid]));
      const total = usage(s.pids());
      return `server ${i + 1} memory: RSS ${mb(total.rssMb)} now, peak ${mb(total.peakRssMb)} (tsx launcher + server: ${each.map((u) => mb(u.peakRssMb)).join(" + ")} peak)`;
    }),
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  ensureBuild();
  const db = await createBenchDatabase();
  if ((args.compare || args.ab) && args.replicas > 1)
    throw new Error("--compare and --ab measure one FlowGate process: use --replicas 1");
  const abEnv = args.ab?.match(/^([A-Z0-9_]+)=(.*)$/);
  if (args.ab && !abEnv) throw new Error("--ab takes KEY=VALUE, e.g. --ab LOG_LEVEL=silent");
  if (args.ab && db.driver === "pglite")
    throw new Error("--ab runs two FlowGate processes on one database: set DATABASE_URL");
  if (args.replicas > 1 && db.driver === "pglite") {
    throw new Error(
      `${args.agents} agents need ${args.replicas} server processes (each holds at most ${SOCKETS_PER_SERVER} sockets under this machine's open-file limit), and the embedded database serves one process: set DATABASE_URL`,
    );
  }
  const runId = randomBytes(3).toString("hex");
  log(
    `${int(args.agents)} agents, ${args.replicas} server process(es), ${args.workers} agent worker(s), ${db.driver} database; ${os.cpus().length} CPUs, ${mb(os.totalmem() / 2 ** 20)} RAM`,
  );
  const shared = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    FLOWGATE_JWT_SECRET: randomBytes(32).toString("base64url"),
    FLOWGATE_ADMIN_PASSWORD: randomBytes(12).toString("base64url"),
  };
  const servers: ServerProcess[] = [];
  let pool: AgentPool | undefined;
  let probe: StateProbe | undefined;
  try {
    for (let i = 0; i < args.replicas; i++) servers.push(await startServerProcess(db, shared, nodeArgs(args)));
    const key = JSON.parse(
      cli(servers[0], [
        "api-key",
        "create",
        "--org",
        "default",
        "--role",
        "owner",
        "--name",
        `bench-${runId}`,
        "--json",
      ]),
    );
    const api = new Api(servers[0].url, key.key, key.org_id);
    const t = Date.now();
    const agents = await api.registerGateways(args.agents, runId, args.registerConcurrency);
    await api.tagGateways(
      agents.map((a) => a.id),
      runId,
    );
    log(`registered and tagged ${int(agents.length)} gateways in ${seconds(Date.now() - t)}`);
    probe = db.url ? sqlProbe(db.url) : apiProbe(api, args.agents);
    if (args.ownMetrics) {
      const lines = await ownMetricsPhase(
        servers[0].url,
        api,
        agents,
        {
          minutes: args.ownMetricsMinutes,
          concurrency: args.ownMetricsConcurrency,
          serverPids: () => servers.flatMap((s) => s.pids()),
        },
        log,
      );
      console.log(`\nFlowGate own-metrics ingestion: ${int(args.agents)} gateways, ${db.driver}\n${lines.join("\n")}`);
      return;
    }
    if (args.memory) {
      const dataDir = servers[0].env.FLOWGATE_DATA_DIR;
      await servers[0].stop(true);
      const metrics = { FLOWGATE_METRICS_PORT: String(await freePort()) }; // where memoryBench reads the V8 heap
      servers[0] = await startServerProcess(
        db,
        { ...shared, ...metrics },
        [...nodeArgs(args), ...INSPECT_ARGS],
        dataDir,
      );
      console.log(`\n${await memoryBench(servers[0], agents, args, db.driver, log)}`);
      return;
    }
    if (args.storm) {
      console.log(`\n${await stormBench(servers[0], api, agents, args, probe, db.driver, log)}`);
      return;
    }
    if (args.isolation) {
      console.log(`\n${await isolationBench(servers[0], api, agents, args, probe, runId, log)}`);
      return;
    }
    if (abEnv) {
      servers.push(await startServerProcess(db, { ...shared, [abEnv[1]]: abEnv[2] }, nodeArgs(args)));
      const table = await compareEnv(servers[0], servers[1], args.ab!, agents, args, log);
      console.log(
        `\nFlowGate A/B (${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")} load)\n${table}`,
      );
      return;
    }
    if (args.compare) {
      servers.push(await startCeilingServer(nodeArgs(args))); // profiled too: the two profiles compare side by side
      const table = await compareWithCeiling(servers[1], servers[0], agents, args, probe, db.driver, log);
      console.log(
        `\nFlowGate against the in-memory ceiling (${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")} load)\n${table}`,
      );
      return;
    }
    pool = new AgentPool(args.workers);
    const c: Ctx = { args, runId, servers, api, probe, pool, results: [] };
    await runPhases(c, agents);
    console.log(
      `\nFlowGate bench: ${int(args.agents)} agents, ${db.driver}, ${args.replicas} server process(es)\n${c.results.map((r) => `  ${r}`).join("\n")}`,
    );
  } finally {
    if (servers.length) log(`server output: ${servers.map((s) => s.logFile).join(", ")}`);
    await pool?.stop();
    await probe?.close();
    for (const s of servers) await s.stop();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    const cause = (err as Error).cause as Error | undefined;
    console.error(`[bench] failed: ${(err as Error).message}${cause ? ` (${cause.message ?? cause})` : ""}`);
    process.exit(1);
  },
);
