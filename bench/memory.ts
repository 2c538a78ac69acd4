import os from "node:os";
import type { AgentSpec } from "./agent";
import { AgentPool } from "./pool";
import { usage } from "./proc";
import type { ServerProcess } from "./servers";
import { int, mb, type Args } from "./stats";

/**
 * Wait before each reading. V8's memory reducer returns a busy phase's garbage only some 25–35 s after the process
 * went quiet (seen here: 543 → 464 MB idle after a restart), so a reading taken sooner mostly measures garbage.
 */
const SETTLE_MS = 45_000;

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/**
 * `--memory`: the server's RSS idle (freshly restarted after the registrations, so their garbage is gone), with the
 * N agents connected, and after the status rounds; the per-agent figure is the rise above idle. Only the OpAMP
 * socket is used between the readings: an API call would load Next routes into the heap and blur the figure.
 */
export async function memoryBench(
  server: ServerProcess,
  agents: AgentSpec[],
  args: Args,
  driver: string,
  log: (s: string) => void,
): Promise<string> {
  await settle();
  const idle = usage(server.pids());
  log(`idle: RSS ${mb(idle.rssMb)}`);
  const pool = new AgentPool(args.workers);
  try {
    const r = await pool.connect([`${server.url.replace("http", "ws")}/v1/opamp`], agents, args.connectConcurrency);
    if (r.failed) log(`${r.failed} agents failed to connect (first error: ${r.firstError})`);
    await settle();
    const connected = usage(server.pids());
    log(`connected: RSS ${mb(connected.rssMb)}`);
    const hb = await pool.heartbeats(args.heartbeatSeconds * 1000);
    await settle();
    const rounds = usage(server.pids());
    const perAgent = (rssMb: number) => `${((1024 * (rssMb - idle.rssMb)) / r.ok).toFixed(1)} KB`;
    return [
      `FlowGate memory: ${int(r.ok)} agents connected, ${driver} (${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} load)`,
      `| server process | RSS | per agent above idle |`,
      `|---|---|---|`,
      `| idle, after a restart | ${mb(idle.rssMb)} | |`,
      `| all agents connected | ${mb(connected.rssMb)} | ${perAgent(connected.rssMb)} |`,
      `| after ${args.heartbeatSeconds} s of status rounds (${int(hb.replies)} messages) | ${mb(rounds.rssMb)} | ${perAgent(rounds.rssMb)} |`,
      `| peak (VmHWM) since the restart | ${mb(rounds.peakRssMb)} | |`,
    ].join("\n");
  } finally {
    await pool.stop();
  }
}
