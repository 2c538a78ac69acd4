/** Small helpers for the bench report. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** "p50 / p90 ms" of unsorted durations in ms. */
export function latency(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 90).toFixed(0)} ms`;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const mb = (n: number) => `${n.toFixed(0)} MB`;
export const pct = (n: number) => `${n.toFixed(0)}%`;
export const int = (n: number) => Math.round(n).toLocaleString("en-US");

export type Args = {
  agents: number;
  heartbeatSeconds: number;
  replicas: number;
  workers: number;
  connectConcurrency: number;
  registerConcurrency: number;
  rolloutTimeoutSeconds: number;
  /** Deploy a template using ${INSTANCE_ID}, so every gateway gets its own config (and hash). */
  perGatewayConfig: boolean;
  /** Run the agents against the in-memory ceiling server, then FlowGate, and print FlowGate/ceiling. */
  compare: boolean;
  /** Folder for a V8 CPU profile of each server process (node --cpu-prof), written when the server stops. */
  cpuProfDir?: string;
  /** `--ab KEY=VALUE`: FlowGate against itself with one more environment variable (bench/compare.ts). */
  ab?: string;
  /** Seconds of idle fleet (agents heartbeating on their interval) metered after connecting; 0 skips it. */
  idleSeconds: number;
  /** `--own-metrics`: only the own-metrics ingestion phase (bench/own-metrics.ts), no OpAMP agents. */
  ownMetrics: boolean;
  ownMetricsMinutes: number;
  ownMetricsConcurrency: number;
  /** `--isolation`: light agents' reply latency with one agent sending huge messages (bench/isolation.ts). */
  isolation: boolean;
  isolationSeconds: number;
  /** `--memory`: server RSS idle (after a restart), with the agents connected and after status rounds (bench/memory.ts). */
  memory: boolean;
  /** `--storm`: every agent dials at once and retries like opamp-go, REST timed meanwhile (bench/storm.ts). */
  storm: boolean;
  /** `--handshake-timeout S`: when a storm's agent abandons an upgrade (opamp-go: 45 s). */
  handshakeTimeoutSeconds: number;
};

// One process may hold at most RLIMIT_NOFILE descriptors (20,000 here, and not raisable without CAP_SYS_RESOURCE):
// keep each server and each agent worker well below it.
export const SOCKETS_PER_SERVER = 18_000;
const AGENTS_PER_WORKER = 9_000;

export function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number) => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  const agents = num("agents", 1000);
  return {
    agents,
    heartbeatSeconds: num("heartbeat-seconds", 10),
    replicas: num("replicas", Math.ceil(agents / SOCKETS_PER_SERVER)),
    workers: num("workers", Math.ceil(agents / AGENTS_PER_WORKER)),
    connectConcurrency: num("connect-concurrency", 200),
    registerConcurrency: num("register-concurrency", 16),
    rolloutTimeoutSeconds: num("rollout-timeout", 120),
    perGatewayConfig: argv.includes("--per-gateway-config"),
    compare: argv.includes("--compare"),
    cpuProfDir: get("cpu-prof"),
    ab: get("ab"),
    idleSeconds: get("idle-seconds") === undefined ? 0 : num("idle-seconds", 0),
    ownMetrics: argv.includes("--own-metrics"),
    ownMetricsMinutes: num("own-metrics-minutes", 3),
    ownMetricsConcurrency: num("own-metrics-concurrency", 32),
    isolation: argv.includes("--isolation"),
    isolationSeconds: num("isolation-seconds", 20),
    memory: argv.includes("--memory"),
    storm: argv.includes("--storm"),
    handshakeTimeoutSeconds: num("handshake-timeout", 45),
  };
}
