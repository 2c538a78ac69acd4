import { afterAll, beforeAll, expect } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { encodeOtlp, METRICS_REQUEST, postOtlp } from "./telemetry-fixtures";
import { ownMetricsAt } from "./timeseries-fixtures";
import { deployFixture, WsCollector } from "./deployments-fixtures";

const MIN = 60_000;
/** Log records per minute a simulated collector takes in and, unless its config filters them all, sends on. */
export const RATE = 1000;

/** How a collector misbehaves while it runs a config holding `marker` (rates relative to RATE per minute). */
export type Misbehaviour = {
  marker: string;
  /** Share of its input the exporter fails to send (send_failed grows by it, sent by the rest). */
  failing?: number;
  /** Share of its input a processor drops (processor_dropped grows by it, sent by the rest). */
  dropping?: number;
  /** Sends no own metrics at all. */
  silent?: boolean;
  /** Its agent reports this exporter error in AgentHealth over OpAMP. */
  unhealthy?: string;
};

/** AgentHealth as the supervisor reports it: the pipeline's exporter healthy, or failing with `error`. */
export const healthReport = (error: string | null) => ({
  healthy: true,
  start_time_unix_nano: "1763900000000000000",
  status: "StatusOK",
  component_health_map: {
    "pipeline:logs": {
      healthy: error === null,
      component_health_map: {
        "receiver:otlp": { healthy: true, status: "StatusOK" },
        "exporter:otlphttp": error
          ? { healthy: false, status: "StatusRecoverableError", last_error: error }
          : { healthy: true, status: "StatusOK" },
      },
    },
  },
});

/**
 * A collector's own metrics, as its OTLP exporter would send them to FlowGate: three minutes of history before
 * the test (stamped in the past), then, once it runs a config matching `live`, a report every `tickMs` whose
 * counters grow with real time. Its output follows the config it runs: a config holding `dropAll` sends nothing;
 * one holding a `misbehave` marker fails sends, drops, goes silent or reports an unhealthy exporter.
 */
export class MeteredCollector {
  private accepted = 0;
  private sent = 0;
  private failed = 0;
  private dropped = 0;
  private reportedUnhealthy = false;
  private last = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly start = Date.now() - 5 * MIN;
  readonly errors: string[] = [];

  constructor(
    private readonly server: Pick<TestServer, "url">,
    private readonly token: string,
    readonly collector: WsCollector,
    private readonly opts: { live: string; dropAll: string; tickMs?: number; misbehave?: Misbehaviour },
  ) {}

  private async post(at: number) {
    const body = encodeOtlp(
      METRICS_REQUEST,
      ownMetricsAt({
        at,
        start: this.start,
        accepted: Math.round(this.accepted),
        sent: Math.round(this.sent),
        sendFailed: Math.round(this.failed),
        dropped: Math.round(this.dropped),
      }),
    );
    const res = await postOtlp(this.server, "metrics", body, {
      authorization: `Bearer ${this.token}`,
      "content-type": "application/x-protobuf",
    });
    if (res.status !== 200) this.errors.push(`${res.status} ${await res.text()}`);
  }

  /** The baseline: one report a minute, 4 to 2 minutes ago, at RATE in and out. */
  async history() {
    const now = Date.now();
    for (const ago of [4, 3, 2]) {
      this.accepted += RATE;
      this.sent += RATE;
      await this.post(now - ago * MIN);
    }
  }

  /** Starts reporting every tick once the agent runs the `live` config; counters idle until then. */
  run() {
    const tick = async () => {
      const config = this.collector.config;
      const now = Date.now();
      const bad = this.opts.misbehave && config?.includes(this.opts.misbehave.marker) ? this.opts.misbehave : null;
      if (bad?.unhealthy && !this.reportedUnhealthy) {
        this.reportedUnhealthy = true;
        this.collector.reportHealth(healthReport(bad.unhealthy));
      }
      if (config?.includes(this.opts.live) && !bad?.silent) {
        if (this.last) {
          const input = RATE * ((now - this.last) / MIN);
          const [failed, dropped] = [input * (bad?.failing ?? 0), input * (bad?.dropping ?? 0)];
          this.accepted += input;
          this.failed += failed;
          this.dropped += dropped;
          if (!config.includes(this.opts.dropAll)) this.sent += input - failed - dropped;
        }
        this.last = now;
        await this.post(now).catch((err) => this.errors.push(String(err)));
      }
      this.timer = setTimeout(() => void tick(), this.opts.tickMs ?? 300);
    };
    void tick();
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Gate thresholds the gates tests deploy with (watched for seconds, see gatesSuite). */
export const GATES = { watch_seconds: 4, volume_change_percent: 50, export_failures_per_min: 10, drop_percent: 5 };

export type Audit = { action: string; target_id: string; details: Record<string, unknown> };

/**
 * A gates test file's server (gates watched for seconds: the server refuses less than a minute unless told
 * otherwise), its metered fleets and their cleanup. Call at the top of the file.
 */
export function gatesSuite() {
  let server: TestServer;
  let fx: ReturnType<typeof deployFixture>;
  const collectors: WsCollector[] = [];
  const metered: MeteredCollector[] = [];
  beforeAll(async () => {
    server = await startServer({ env: { FLOWGATE_GATE_MIN_WATCH_SECONDS: "1" } });
    fx = deployFixture(server);
  });
  afterAll(async () => {
    metered.forEach((m) => m.stop());
    await Promise.all(collectors.map((c) => c.stop().catch(() => {})));
    await server?.stop();
  });

  return {
    get fx() {
      return fx;
    },
    /** `n` tagged gateways (`fleet=<prefix>`) whose agents report own metrics: history now, live once on `live`. */
    async fleet(prefix: string, n: number, live: string, misbehave?: Misbehaviour) {
      const out: MeteredCollector[] = [];
      for (let i = 0; i < n; i++) {
        const name = `${prefix}-${i}`;
        const gw = await fx.taggedGateway(name, { fleet: prefix });
        const c = await WsCollector.start(fx.wsUrl, name, gw.opamp_token);
        collectors.push(c);
        const m = new MeteredCollector(server, gw.opamp_token, c, { live, dropAll: "filter/dropall", misbehave });
        await m.history();
        m.run();
        out.push(m);
      }
      metered.push(...out);
      return out;
    },
    /** The audit entries about one target, oldest first. */
    async auditOf(id: string): Promise<Audit[]> {
      const r = await fx.api("GET", "/api/v1/settings/audit-log?limit=100");
      expect(r.status).toBe(200);
      return (r.json.items as Audit[]).filter((a) => a.target_id === id).reverse();
    },
  };
}
