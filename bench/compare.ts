import type { AgentSpec } from "./agent";
import { AgentPool } from "./pool";
import { waitForCount, type StateProbe } from "./probe";
import { cpuMeter, usage } from "./proc";
import type { ServerProcess } from "./servers";
import { int, latency, mb, seconds, type Args } from "./stats";

/** What one server did for the same simulated fleet. */
type Figures = {
  connectMs: number;
  failed: number;
  rate: number;
  replies: number;
  rssMb: number;
  cpuSeconds: number;
  /** Server CPU while the agents connected, and the load generator's over the same span. */
  connectCpuSeconds: number;
  generatorConnectCpuPercent: number;
  /** Each connect's two halves as the agent saw them (ms): upgrade request to 101, full state to its reply. */
  upgradeMs: number[];
  firstReplyMs: number[];
  /** Server CPU over the status rounds alone. */
  roundsCpuSeconds: number;
  /** PostgreSQL's CPU over the same two spans (0 for the ceiling and on PGlite, which runs inside the server). */
  pgConnectCpuSeconds: number;
  pgRoundsCpuSeconds: number;
  /** With `--idle-seconds`: server (and PostgreSQL) CPU while the agents only heartbeat on their interval. */
  idleCpuPercent: number;
  pgIdleCpuPercent: number;
};

/**
 * The same agents (new sockets, new uids) against one server: connect all (each until its first reply), then the
 * closed-loop status rounds, then (`--idle-seconds`) the fleet only heartbeating on its interval. CPU covers every
 * phase; RSS is read after them, with the agents still connected.
 */
async function measure(
  server: ServerProcess,
  agents: AgentSpec[],
  args: Args,
  stored?: () => Promise<unknown>,
  mark: (phase: string) => void = () => {},
): Promise<Figures> {
  const pool = new AgentPool(args.workers);
  try {
    mark("connect");
    const meter = cpuMeter(server.pids);
    const connectMeter = cpuMeter(server.pids);
    const generator = cpuMeter(() => pool.pids);
    const t0 = Date.now();
    const r = await pool.connect([`${server.url.replace("http", "ws")}/v1/opamp`], agents, args.connectConcurrency);
    const connectMs = Date.now() - t0;
    const connectCpu = connectMeter();
    const generatorConnectCpuPercent = generator().cpuPercent;
    await stored?.();
    mark("status rounds");
    const roundsMeter = cpuMeter(server.pids);
    const hb = await pool.heartbeats(args.heartbeatSeconds * 1000);
    const rounds = roundsMeter();
    mark("idle");
    const idleMeter = cpuMeter(server.pids);
    await new Promise((r) => setTimeout(r, args.idleSeconds * 1000));
    const idle = idleMeter();
    mark("end");
    const cpu = meter();
    return {
      connectMs,
      failed: r.failed,
      rate: hb.replies / (hb.elapsedMs / 1000),
      replies: hb.replies,
      rssMb: usage(server.pids()).rssMb,
      cpuSeconds: cpu.cpuSeconds,
      connectCpuSeconds: connectCpu.cpuSeconds,
      generatorConnectCpuPercent,
      upgradeMs: r.upgradeMs,
      firstReplyMs: r.firstReplyMs,
      roundsCpuSeconds: rounds.cpuSeconds,
      pgConnectCpuSeconds: connectCpu.postgresCpuSeconds,
      pgRoundsCpuSeconds: rounds.postgresCpuSeconds,
      idleCpuPercent: idle.cpuPercent,
      pgIdleCpuPercent: idle.postgresCpuPercent,
    };
  } finally {
    await pool.stop();
  }
}

/** PostgreSQL's share, shown beside FlowGate's own figure (the ratio is the server process alone). */
const pgShare = (seconds: number) => (seconds > 0 ? ` (+ PostgreSQL ${(1e6 * seconds).toFixed(0)} µs)` : "");

const ratio = (fg: number, ceiling: number) => `${(fg / ceiling).toFixed(2)}×`;

/**
 * `--compare`: the in-memory ceiling first, then FlowGate, in one run (the machine is shared: only figures taken
 * side by side compare). Returns the report's table; FlowGate's full-state storage time is its own line.
 */
export async function compareWithCeiling(
  ceiling: ServerProcess,
  flowgate: ServerProcess,
  agents: AgentSpec[],
  args: Args,
  probe: StateProbe,
  driver: string,
  log: (s: string) => void,
): Promise<string> {
  // Wall-clock phase marks, to cut each server's --cpu-prof profile to a phase (bench/profile-top.ts --from/--to).
  const marks = (who: string) => (phase: string) =>
    log(`${who}: ${phase} at ${new Date().toISOString().slice(11, 19)}`);
  const c = await measure(ceiling, agents, args, undefined, marks("ceiling"));
  log(`ceiling: connected in ${seconds(c.connectMs)}, ${int(c.rate)} msg/s`);
  let storedMs = NaN;
  const t0 = Date.now();
  const f = await measure(
    flowgate,
    agents,
    args,
    async () => {
      const s = await waitForCount(() => probe.fullStateCount(), args.agents, 300_000, 100);
      storedMs = s.at ? s.at - t0 : NaN;
    },
    marks("FlowGate"),
  );
  log(`FlowGate: connected in ${seconds(f.connectMs)}, ${int(f.rate)} msg/s`);
  const rows: [string, string, string, string][] = [
    [
      "all connected, first reply received",
      seconds(c.connectMs),
      seconds(f.connectMs),
      ratio(f.connectMs, c.connectMs),
    ],
    [
      "server CPU per agent connect",
      `${((1e6 * c.connectCpuSeconds) / args.agents).toFixed(0)} µs`,
      `${((1e6 * f.connectCpuSeconds) / args.agents).toFixed(0)} µs${pgShare(f.pgConnectCpuSeconds / args.agents)}`,
      ratio(f.connectCpuSeconds, c.connectCpuSeconds),
    ],
    [
      "load generator CPU while connecting (one core = 100%)",
      `${c.generatorConnectCpuPercent.toFixed(0)}%`,
      `${f.generatorConnectCpuPercent.toFixed(0)}%`,
      "",
    ],
    ["one connect: upgrade to 101, p50 / p90", latency(c.upgradeMs), latency(f.upgradeMs), ""],
    ["one connect: full state to first reply, p50 / p90", latency(c.firstReplyMs), latency(f.firstReplyMs), ""],
    ["status messages handled", `${int(c.rate)} /s`, `${int(f.rate)} /s`, ratio(f.rate, c.rate)],
    ["server RSS after the run", mb(c.rssMb), mb(f.rssMb), ratio(f.rssMb, c.rssMb)],
    [
      "server CPU for the run",
      `${c.cpuSeconds.toFixed(1)} s`,
      `${f.cpuSeconds.toFixed(1)} s`,
      ratio(f.cpuSeconds, c.cpuSeconds),
    ],
    [
      "server CPU per status message (status rounds only)",
      `${((1e6 * c.roundsCpuSeconds) / c.replies).toFixed(0)} µs`,
      `${((1e6 * f.roundsCpuSeconds) / f.replies).toFixed(0)} µs${pgShare(f.pgRoundsCpuSeconds / f.replies)}`,
      ratio(f.roundsCpuSeconds / f.replies, c.roundsCpuSeconds / c.replies),
    ],
  ];
  if (args.idleSeconds)
    rows.push([
      `server CPU while idle ${args.idleSeconds} s, agents heartbeating on their interval (one core = 100%)`,
      `${c.idleCpuPercent.toFixed(1)}%`,
      `${f.idleCpuPercent.toFixed(1)}%${f.pgIdleCpuPercent > 0 ? ` (+ PostgreSQL ${f.pgIdleCpuPercent.toFixed(1)}%)` : ""}`,
      ratio(f.idleCpuPercent, c.idleCpuPercent),
    ]);
  const failed = c.failed + f.failed ? ` (connect failures: ceiling ${c.failed}, FlowGate ${f.failed})` : "";
  return [
    `| ${int(args.agents)} agents, ${args.heartbeatSeconds} s of status rounds | in-memory ceiling | FlowGate, ${driver} | FlowGate / ceiling |`,
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `FlowGate: all connected with full state stored after ${seconds(storedMs)}${failed}`,
  ].join("\n");
}

/**
 * `--ab KEY=VALUE`: the same FlowGate build and database twice, A as configured and B with one more environment
 * variable (e.g. `LOG_LEVEL=silent` to price the logging), measured A, B, B, A so a drifting machine evens out.
 * New agents (new sockets, new uids) each time; the gateways' stored state is not waited for, only the replies.
 */
export async function compareEnv(
  a: ServerProcess,
  b: ServerProcess,
  assignment: string,
  agents: AgentSpec[],
  args: Args,
  log: (s: string) => void,
): Promise<string> {
  const runs: { a: Figures[]; b: Figures[] } = { a: [], b: [] };
  for (const which of ["a", "b", "b", "a"] as const) {
    const f = await measure(which === "a" ? a : b, agents, args);
    log(`${which === "a" ? "A" : "B"}: connected in ${seconds(f.connectMs)}, ${int(f.rate)} msg/s`);
    runs[which].push(f);
  }
  const mean = (fs: Figures[], pick: (f: Figures) => number) => fs.reduce((s, f) => s + pick(f), 0) / fs.length;
  const row = (label: string, pick: (f: Figures) => number, show: (v: number) => string): string[] => {
    const [va, vb] = [mean(runs.a, pick), mean(runs.b, pick)];
    const each = (fs: Figures[]) => fs.map((f) => show(pick(f))).join(", ");
    return [label, `${show(va)} (${each(runs.a)})`, `${show(vb)} (${each(runs.b)})`, ratio(va, vb)];
  };
  const rows = [
    row("all connected, first reply received", (f) => f.connectMs, seconds),
    row(
      "server CPU per agent connect",
      (f) => (1e6 * f.connectCpuSeconds) / args.agents,
      (v) => `${v.toFixed(0)} µs`,
    ),
    row(
      "status messages handled",
      (f) => f.rate,
      (v) => `${int(v)} /s`,
    ),
    row(
      "server CPU per status message",
      (f) => (1e6 * f.roundsCpuSeconds) / f.replies,
      (v) => `${v.toFixed(0)} µs`,
    ),
  ];
  return [
    `| ${int(args.agents)} agents, mean of 2 runs each (A B B A) | A: as configured | B: with ${assignment} | A / B |`,
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
