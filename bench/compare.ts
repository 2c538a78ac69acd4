import type { AgentSpec } from "./agent";
import { AgentPool } from "./pool";
import { waitForCount, type StateProbe } from "./probe";
import { cpuMeter, usage } from "./proc";
import type { ServerProcess } from "./servers";
import { int, mb, seconds, type Args } from "./stats";

/** What one server did for the same simulated fleet. */
type Figures = { connectMs: number; failed: number; rate: number; replies: number; rssMb: number; cpuSeconds: number };

/**
 * The same agents (new sockets, new uids) against one server: connect all (each until its first reply), then the
 * closed-loop status rounds. CPU covers both phases; RSS is read after them, with the agents still connected.
 */
async function measure(
  server: ServerProcess,
  agents: AgentSpec[],
  args: Args,
  stored?: () => Promise<unknown>,
): Promise<Figures> {
  const pool = new AgentPool(args.workers);
  try {
    const meter = cpuMeter(server.pids);
    const t0 = Date.now();
    const r = await pool.connect([`${server.url.replace("http", "ws")}/v1/opamp`], agents, args.connectConcurrency);
    const connectMs = Date.now() - t0;
    await stored?.();
    const hb = await pool.heartbeats(args.heartbeatSeconds * 1000);
    const cpu = meter();
    return {
      connectMs,
      failed: r.failed,
      rate: hb.replies / (hb.elapsedMs / 1000),
      replies: hb.replies,
      rssMb: usage(server.pids()).rssMb,
      cpuSeconds: cpu.cpuSeconds,
    };
  } finally {
    await pool.stop();
  }
}

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
  const c = await measure(ceiling, agents, args);
  log(`ceiling: connected in ${seconds(c.connectMs)}, ${int(c.rate)} msg/s`);
  let storedMs = NaN;
  const t0 = Date.now();
  const f = await measure(flowgate, agents, args, async () => {
    const s = await waitForCount(() => probe.fullStateCount(), args.agents, 300_000, 100);
    storedMs = s.at ? s.at - t0 : NaN;
  });
  log(`FlowGate: connected in ${seconds(f.connectMs)}, ${int(f.rate)} msg/s`);
  const rows: [string, string, string, string][] = [
    [
      "all connected, first reply received",
      seconds(c.connectMs),
      seconds(f.connectMs),
      ratio(f.connectMs, c.connectMs),
    ],
    ["status messages handled", `${int(c.rate)} /s`, `${int(f.rate)} /s`, ratio(f.rate, c.rate)],
    ["server RSS after the run", mb(c.rssMb), mb(f.rssMb), ratio(f.rssMb, c.rssMb)],
    [
      "server CPU for the run",
      `${c.cpuSeconds.toFixed(1)} s`,
      `${f.cpuSeconds.toFixed(1)} s`,
      ratio(f.cpuSeconds, c.cpuSeconds),
    ],
    [
      "server CPU per status message",
      `${((1e6 * c.cpuSeconds) / (c.replies + args.agents)).toFixed(0)} µs`,
      `${((1e6 * f.cpuSeconds) / (f.replies + args.agents)).toFixed(0)} µs`,
      ratio(f.cpuSeconds / (f.replies + args.agents), c.cpuSeconds / (c.replies + args.agents)),
    ],
  ];
  const failed = c.failed + f.failed ? ` (connect failures: ceiling ${c.failed}, FlowGate ${f.failed})` : "";
  return [
    `| ${int(args.agents)} agents, ${args.heartbeatSeconds} s of status rounds | in-memory ceiling | FlowGate, ${driver} | FlowGate / ceiling |`,
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `FlowGate: all connected with full state stored after ${seconds(storedMs)}${failed}`,
  ].join("\n");
}
