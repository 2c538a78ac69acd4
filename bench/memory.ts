import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import WebSocket from "ws";
import type { AgentSpec } from "./agent";
import { AgentPool } from "./pool";
import { usage } from "./proc";
import type { ServerProcess } from "./servers";
import { int, mb, type Args } from "./stats";

/**
 * Wait before each reading, so batched writes land and V8's memory reducer, which runs only some 25–35 s after a
 * busy phase, has given back the pages it keeps (idle after a restart, sampled each second: 543 MB until 25 s, 464 MB
 * from 34 s on).
 */
const SETTLE_MS = 40_000;

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** `--inspect` on a free port: memoryBench collects the server's garbage through it before each reading. */
export const INSPECT_ARGS = ["--inspect=127.0.0.1:0"];

/**
 * A full garbage collection in the server, through its inspector (the URL node printed to the log), so the heap
 * figure counts live objects, not garbage a GC would have freed.
 */
async function collectGarbage(server: ServerProcess): Promise<void> {
  const url = fs.readFileSync(server.logFile, "utf8").match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
  if (!url) throw new Error(`no inspector URL in ${server.logFile}`);
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () => ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })));
    ws.once("message", resolve);
  });
  ws.close();
}

/** A port free now, for the server's own metrics listener (FLOWGATE_METRICS_PORT: served outside Next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** After a full GC: RSS (MB) of the server process, and its V8 heap in use (MB) as its metrics listener reports it. */
async function reading(server: ServerProcess) {
  await collectGarbage(server);
  const text = await (await fetch(`http://127.0.0.1:${server.env.FLOWGATE_METRICS_PORT}/metrics`)).text();
  const heap = Number(text.match(/^nodejs_heap_size_used_bytes(?:{[^}]*})? (\S+)/m)?.[1] ?? NaN);
  return { ...usage(server.pids()), heapMb: heap / 2 ** 20 };
}

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
  const idle = await reading(server);
  log(`idle: RSS ${mb(idle.rssMb)}`);
  const pool = new AgentPool(args.workers);
  try {
    const r = await pool.connect([`${server.url.replace("http", "ws")}/v1/opamp`], agents, args.connectConcurrency);
    if (r.failed) log(`${r.failed} agents failed to connect (first error: ${r.firstError})`);
    await settle();
    const connected = await reading(server);
    log(`connected: RSS ${mb(connected.rssMb)}`);
    const hb = await pool.heartbeats(args.heartbeatSeconds * 1000);
    await settle();
    const rounds = await reading(server);
    const perAgent = (mbNow: number, mbIdle: number) => `${((1024 * (mbNow - mbIdle)) / r.ok).toFixed(1)} KB`;
    const row = (label: string, m: typeof idle) =>
      `| ${label} | ${mb(m.rssMb)} | ${m === idle ? "" : perAgent(m.rssMb, idle.rssMb)} | ${mb(m.heapMb)} | ${m === idle ? "" : perAgent(m.heapMb, idle.heapMb)} |`;
    return [
      `FlowGate memory: ${int(r.ok)} agents connected, ${driver} (${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} load)`,
      `| server process | RSS | RSS per agent above idle | V8 heap used | heap per agent above idle |`,
      `|---|---|---|---|---|`,
      row("idle, after a restart", idle),
      row("all agents connected", connected),
      row(`after ${args.heartbeatSeconds} s of status rounds (${int(hb.replies)} messages)`, rounds),
      `| peak (VmHWM) since the restart | ${mb(rounds.peakRssMb)} | | | |`,
    ].join("\n");
  } finally {
    await pool.stop();
  }
}
