import { inParallel } from "../tests/helpers/parallel";
import { Api } from "./api";
import { cpuMeter } from "./proc";
import { int, pct, percentile, seconds } from "./stats";
// The payload is the one the integration tests post: a collector's own metrics as its OTLP exporter encodes them.
import { encodeOtlp, METRICS_REQUEST } from "../tests/integration/telemetry-fixtures";
import { ownMetricsAt } from "../tests/integration/timeseries-fixtures";

const MIN = 60_000;
/** What each simulated collector takes in and sends per minute (its counters grow by this each report). */
const IN_PER_MIN = 1000;
const OUT_PER_MIN = 900;

type Gateway = { token: string };

/**
 * `--own-metrics`: every gateway reports its own metrics (OTLP/HTTP protobuf, cumulative counters and gauges, as a
 * collector's telemetry exporter does every 60 s) for `minutes` simulated minutes. Time is compressed: each minute's
 * reports are sent as fast as `concurrency` requests in flight allow, stamped with that simulated minute (in the
 * past, so they are stored as any report is). Measures each POST's latency (the server answers after the series
 * are written), the rate against the real-time demand (N reports per 60 s), and the server's CPU per report,
 * hence the share of one core that N gateways reporting every 60 s cost; then checks every report was stored.
 */
export async function ownMetricsPhase(
  base: string,
  api: Api,
  gateways: Gateway[],
  opts: { minutes: number; concurrency: number; serverPids: () => number[] },
  log: (s: string) => void,
): Promise<string[]> {
  const n = gateways.length;
  const first = Math.floor(Date.now() / MIN) * MIN - opts.minutes * MIN;
  const start = first - 30_000;
  const latencies: number[] = [];
  let errors = 0;
  let firstError = "";
  const meter = cpuMeter(opts.serverPids);
  let sendMs = 0;
  for (let m = 0; m < opts.minutes; m++) {
    // Encoded before the clock starts: the load generator shares the machine's two cores with the server.
    const bodies = gateways.map((_, i) =>
      encodeOtlp(
        METRICS_REQUEST,
        ownMetricsAt({
          at: first + m * MIN + (i % 60) * 1000,
          start,
          accepted: (m + 1) * IN_PER_MIN,
          sent: (m + 1) * OUT_PER_MIN,
          sendFailed: m,
          queueSize: i % 10,
        }),
      ),
    );
    const t0 = Date.now();
    await inParallel(gateways, opts.concurrency, async (gateway, i) => {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/otlp/v1/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${gateway.token}`, "content-type": "application/x-protobuf" },
        body: new Uint8Array(bodies[i]),
      }).catch((err: Error) => ({ ok: false, status: 0, text: async () => err.message }));
      latencies.push(performance.now() - t);
      if (!res.ok) {
        errors++;
        firstError ||= `${res.status} ${(await res.text()).slice(0, 200)}`;
      } else if ("arrayBuffer" in res) await res.arrayBuffer();
    });
    const ms = Date.now() - t0;
    sendMs += ms;
    log(`own metrics: simulated minute ${m + 1}/${opts.minutes}: ${int(n)} reports in ${seconds(ms)}`);
  }
  const cpu = meter();
  latencies.sort((a, b) => a - b);
  const reports = n * opts.minutes;
  const rate = reports / (sendMs / 1000);
  const demand = n / 60;
  const cpuPerReportMs = (cpu.cpuSeconds * 1000) / reports;
  const pgPerReportMs = (cpu.postgresCpuSeconds * 1000) / reports;
  // The share of one core the server needs for n gateways reporting every 60 s in real time.
  const share = (cpuPerReportMs * demand) / 10;
  const stored = await storedAccepted(api, first, opts.minutes);
  const expected = reports * IN_PER_MIN;
  return [
    `own metrics: ${int(n)} gateways × ${opts.minutes} simulated minutes = ${int(reports)} OTLP reports (${concurrencyNote(opts.concurrency)}), ${errors} errors${firstError ? ` (first: ${firstError})` : ""}`,
    `  write latency (POST until stored and answered): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}`,
    `  rate ${int(rate)} reports/s sustained = ${(rate / demand).toFixed(1)}× the real-time demand of ${int(n)} gateways every 60 s (${int(demand)}/s)`,
    `  server CPU ${pct(cpu.cpuPercent)} of one core while sending (${cpu.cpuSeconds.toFixed(1)} s), ${cpuPerReportMs.toFixed(2)} ms per report` +
      (cpu.postgresCpuSeconds > 0.5 ? ` + PostgreSQL ${pgPerReportMs.toFixed(2)} ms` : "") +
      ` → ${pct(share)} of one core for ${int(n)} gateways every 60 s` +
      (cpu.postgresCpuSeconds > 0.5 ? ` (+ ${pct((pgPerReportMs * demand) / 10)} PostgreSQL)` : ""),
    `  stored: receiver_accepted adds up to ${int(stored)} of ${int(expected)} expected${stored === expected ? " (every report)" : " (MISSING ROWS)"}`,
  ];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const concurrencyNote = (c: number) => `${c} in flight`;

/** The org's receiver_accepted over the simulated minutes, added up (one row per gateway and minute). */
async function storedAccepted(api: Api, first: number, minutes: number): Promise<number> {
  const from = new Date(first).toISOString();
  const to = new Date(first + minutes * MIN).toISOString();
  const r = await api.call<{ series: { points: [string, number][] }[] }>(
    "GET",
    `/api/v1/timeseries?org_id=${api.orgId}&metric=receiver_accepted&by=total&from=${from}&to=${to}&step=${minutes * 60}`,
  );
  return r.series.flatMap((s) => s.points).reduce((sum, [, v]) => sum + v, 0);
}
