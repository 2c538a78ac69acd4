import { checkHostPort, checkInt, checkKnownKeys, isObject, section, type Cfg } from "./checks";
import type { Path, Report } from "./report";

const GRPC_KEYS = [
  "endpoint",
  "transport",
  "tls",
  "auth",
  "include_metadata",
  "max_recv_msg_size_mib",
  "max_concurrent_streams",
  "read_buffer_size",
  "write_buffer_size",
  "keepalive",
];
const HTTP_KEYS = [
  "endpoint",
  "tls",
  "auth",
  "include_metadata",
  "cors",
  "max_request_body_size",
  "response_headers",
  "traces_url_path",
  "metrics_url_path",
  "logs_url_path",
  "compression_algorithms",
];

/** What each protocol section may hold and which of its settings are checked, in the order errors are reported. */
const PROTOCOLS: Record<string, { keys: string[]; endpoint: string; ints: string[]; urlPaths: string[] }> = {
  grpc: {
    keys: GRPC_KEYS,
    endpoint: "0.0.0.0:4317",
    ints: ["max_recv_msg_size_mib", "max_concurrent_streams"],
    urlPaths: [],
  },
  http: {
    keys: HTTP_KEYS,
    endpoint: "0.0.0.0:4318",
    ints: ["max_request_body_size"],
    urlPaths: ["traces_url_path", "metrics_url_path", "logs_url_path"],
  },
};

export function checkOtlpReceiver(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, ["protocols"], at, r, "the otlp receiver");
  const protocols = section(cfg, "protocols", at, r);
  if (!protocols || Object.keys(protocols).length === 0) {
    r.error(
      protocols ? [...at, "protocols"] : at,
      "The otlp receiver needs at least one protocol: protocols.grpc or protocols.http",
      protocols ? "value" : "key",
    );
    return;
  }
  checkKnownKeys(protocols, ["grpc", "http"], [...at, "protocols"], r, "otlp receiver protocols");
  for (const [name, { keys, endpoint, ints, urlPaths }] of Object.entries(PROTOCOLS)) {
    const proto = section(protocols, name, [...at, "protocols"], r);
    if (!proto) continue;
    const p = [...at, "protocols", name];
    checkKnownKeys(proto, keys, p, r, `the otlp receiver's ${name} protocol`);
    checkHostPort(proto, "endpoint", p, r, endpoint);
    for (const key of ints) checkInt(proto, key, p, r, 0);
    for (const key of urlPaths) {
      const v = proto[key];
      if (v !== undefined && (typeof v !== "string" || !v.startsWith("/")))
        r.error([...p, key], `${key} must be a path starting with "/"`);
    }
  }
}

const PROMETHEUS_KEYS = [
  "config",
  "target_allocator",
  "trim_metric_suffixes",
  "use_start_time_metric",
  "start_time_metric_regex",
  "report_extra_scrape_metrics",
  "api_server",
];
// Prometheus's own duration syntax: integer amounts with units, no fractions.
const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const PROM_UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8, y: 3.1536e10 };

function promDuration(v: unknown): number | null {
  if (typeof v !== "string" || !PROM_DURATION.test(v)) return null;
  let ms = 0;
  for (const m of v.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) ms += Number(m[1]) * PROM_UNIT_MS[m[2]];
  return ms;
}

export function checkPrometheusReceiver(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, PROMETHEUS_KEYS, at, r, "the prometheus receiver");
  const config = section(cfg, "config", at, r);
  const scrape = config?.scrape_configs;
  const hasFiles = Array.isArray(config?.scrape_config_files) && config.scrape_config_files.length > 0;
  if (cfg.target_allocator === undefined && !hasFiles && (!Array.isArray(scrape) || scrape.length === 0)) {
    if (scrape !== undefined && !Array.isArray(scrape))
      r.error([...at, "config", "scrape_configs"], "scrape_configs must be a list of scrape jobs");
    else
      r.error(
        config ? [...at, "config"] : at,
        "The prometheus receiver needs config.scrape_configs (at least one job) or a target_allocator",
        config ? "value" : "key",
      );
    return;
  }
  if (!Array.isArray(scrape)) return;
  const seen = new Set<string>();
  scrape.forEach((job, i) => {
    const p = [...at, "config", "scrape_configs", i];
    if (!isObject(job) || typeof job.job_name !== "string" || job.job_name === "") {
      r.error(p, `scrape_configs[${i}] needs a job_name`);
      return;
    }
    if (seen.has(job.job_name)) r.error([...p, "job_name"], `Duplicate scrape job_name "${job.job_name}"`);
    seen.add(job.job_name);
    checkScrapeTimes(job, p, r);
  });
}

function checkScrapeTimes(job: Cfg, p: Path, r: Report): void {
  const times: Record<string, number | null> = {};
  for (const key of ["scrape_interval", "scrape_timeout"]) {
    if (job[key] === undefined) continue;
    times[key] = promDuration(job[key]);
    if (times[key] === null)
      r.error([...p, key], `${key}: ${JSON.stringify(job[key])} is not a Prometheus duration, such as 15s or 1m`);
  }
  const { scrape_interval: interval, scrape_timeout: timeout } = times;
  if (interval != null && timeout != null && timeout > interval) {
    r.error(
      [...p, "scrape_timeout"],
      `scrape_timeout (${job.scrape_timeout}) must not be longer than scrape_interval (${job.scrape_interval})`,
    );
  }
}
