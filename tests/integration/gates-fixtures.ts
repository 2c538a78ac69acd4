import type { TestServer } from "../helpers/server";
import { encodeOtlp, METRICS_REQUEST, postOtlp } from "./telemetry-fixtures";
import { ownMetricsAt } from "./timeseries-fixtures";
import type { WsCollector } from "./deployments-fixtures";

const MIN = 60_000;
/** Log records per minute a simulated collector takes in and, unless its config filters them all, sends on. */
export const RATE = 1000;

/**
 * A collector's own metrics, as its OTLP exporter would send them to FlowGate: three minutes of history before
 * the test (stamped in the past), then, once it runs a config matching `live`, a report every `tickMs` whose
 * counters grow with real time. Its output follows the config it runs: a config holding `dropAll` sends nothing.
 */
export class MeteredCollector {
  private accepted = 0;
  private sent = 0;
  private last = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly start = Date.now() - 5 * MIN;
  readonly errors: string[] = [];

  constructor(
    private readonly server: Pick<TestServer, "url">,
    private readonly token: string,
    readonly collector: WsCollector,
    private readonly opts: { live: string; dropAll: string; tickMs?: number },
  ) {}

  private async post(at: number) {
    const body = encodeOtlp(
      METRICS_REQUEST,
      ownMetricsAt({ at, start: this.start, accepted: Math.round(this.accepted), sent: Math.round(this.sent) }),
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
      if (config?.includes(this.opts.live)) {
        if (this.last) {
          const minutes = (now - this.last) / MIN;
          this.accepted += RATE * minutes;
          if (!config.includes(this.opts.dropAll)) this.sent += RATE * minutes;
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
