import type { AgentSpec } from "./agent";
import type { Api } from "./api";
import { AgentPool } from "./pool";
import { waitForCount, type StateProbe } from "./probe";
import type { ServerProcess } from "./servers";
import { int, percentile, seconds, type Args } from "./stats";

/** How long after the last agent connected the storm's connections are watched for closes (a replaced one: 4002). */
const SETTLE_MS = 10_000;
const PROBE_PAUSE_MS = 100;

type Timed = { ms: number[]; failures: number; firstFailure?: string };

/**
 * Calls each REST request in turn, `PROBE_PAUSE_MS` apart, until stopped: what an operator's console or a load
 * balancer's health check sees while the fleet storms in.
 */
function restProbe(requests: Record<string, () => Promise<Response>>) {
  const timed: Record<string, Timed> = Object.fromEntries(
    Object.keys(requests).map((k) => [k, { ms: [], failures: 0 }]),
  );
  let running = true;
  const done = (async () => {
    while (running) {
      for (const [name, request] of Object.entries(requests)) {
        const t = performance.now();
        try {
          const res = await request();
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          timed[name].ms.push(performance.now() - t);
        } catch (err) {
          timed[name].failures += 1;
          timed[name].firstFailure ??= (err as Error).message;
        }
      }
      await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return timed;
    },
  };
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

/**
 * `--storm`: every agent dials at once and retries like opamp-go (handshake timeout `--handshake-timeout`, 45 s by
 * default as in opamp-go; Retry-After on a 503; exponential back-off otherwise), while `GET /api/health` and a page
 * of the gateways list are called over and over. Issue "Performance II": no live connection replaced by a stale
 * socket (close 4002), and both REST calls under 1 s at p99 while the storm lasts.
 */
export async function stormBench(
  server: ServerProcess,
  api: Api,
  agents: AgentSpec[],
  args: Args,
  probe: StateProbe,
  driver: string,
  log: (s: string) => void,
): Promise<string> {
  const pool = new AgentPool(args.workers);
  const url = `${server.url.replace("http", "ws")}/v1/opamp`;
  const rest = restProbe({
    "GET /api/health": () => fetch(`${server.url}/api/health`),
    "GET /api/v1/gateways (first page of 50)": () =>
      fetch(`${server.url}/api/v1/gateways?limit=50`, { headers: { authorization: `Bearer ${api.key}` } }),
  });
  try {
    const t0 = Date.now();
    log(`storm: ${int(agents.length)} agents dial at once`);
    const stormed = pool.storm([url], agents, {
      handshakeTimeoutMs: args.handshakeTimeoutSeconds * 1000,
      deadlineMs: 300_000,
      settleMs: SETTLE_MS,
    });
    const stored = await waitForCount(() => probe.fullStateCount(), agents.length, 300_000, 200);
    const timed = await rest.stop(); // the storm is over once every agent is stored
    const r = await stormed; // returns SETTLE_MS after its last agent connected
    const connected = r.connectedMs.sort((a, b) => a - b);
    const replaced = r.closedByServer.filter((code) => code === 4002).length;
    const lines = [
      `| ${int(agents.length)} agents dialing at once, ${driver} | figure |`,
      "|---|---|",
      `| connected (first reply received) | ${int(connected.length)}/${int(agents.length)}, the last after ${seconds(connected.at(-1) ?? NaN)} (p50 ${seconds(percentile(connected, 50))}) |`,
      `| all connected with full state stored | ${stored.at ? `after ${seconds(stored.at - t0)}` : `only ${int(stored.last)} after 300 s`} |`,
      `| upgrade attempts | ${int(r.attempts)}: ${int(r.refused)} refused with 503 + Retry-After, ${int(r.timedOut)} handshakes timed out (${args.handshakeTimeoutSeconds} s), ${int(r.otherErrors)} other errors${r.firstError ? ` (first: ${r.firstError})` : ""}, ${int(r.failed)} agents gave up |`,
      `| live connections closed by the server within ${SETTLE_MS / 1000} s of the last connect | ${int(r.closedByServer.length)}, of them replaced by another socket (4002): ${int(replaced)} |`,
      ...Object.entries(timed).map(([name, t]) => {
        const sorted = t.ms.sort((a, b) => a - b);
        return `| ${name} during the storm, p50 / p99 / max | ${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))} / ${ms(sorted.at(-1) ?? NaN)} (${int(sorted.length)} calls, ${int(t.failures)} failed${t.firstFailure ? `: ${t.firstFailure}` : ""}) |`;
      }),
    ];
    return lines.join("\n");
  } finally {
    await rest.stop();
    await pool.stop();
  }
}
