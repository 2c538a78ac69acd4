import {
  checkDuration,
  checkEnum,
  checkHostPort,
  checkInt,
  checkKnownKeys,
  checkUrl,
  isHostPort,
  isTemplated,
  isUrl,
  section,
  type Cfg,
} from "./checks";
import type { Path, Report } from "./report";

const COMPRESSION = ["gzip", "zstd", "snappy", "zlib", "deflate", "lz4", "none", ""];
const CLIENT_KEYS = [
  "endpoint",
  "tls",
  "headers",
  "compression",
  "timeout",
  "sending_queue",
  "retry_on_failure",
  "auth",
  "read_buffer_size",
  "write_buffer_size",
];
const OTLP_KEYS = [...CLIENT_KEYS, "balancer_name", "keepalive", "wait_for_ready", "authority"];
const OTLPHTTP_KEYS = [
  ...CLIENT_KEYS,
  "traces_endpoint",
  "metrics_endpoint",
  "logs_endpoint",
  "encoding",
  "max_idle_conns",
  "max_idle_conns_per_host",
  "max_conns_per_host",
  "idle_conn_timeout",
  "disable_keep_alives",
  "proxy_url",
  "http2_read_idle_timeout",
  "http2_ping_timeout",
  "cookies",
];

/** Settings every exporter built on the exporterhelper shares: timeout, compression, retries, queue. */
function checkExporterHelper(cfg: Cfg, at: Path, r: Report): void {
  const timeout = checkDuration(cfg, "timeout", at, r);
  if (timeout !== undefined && timeout < 0) r.error([...at, "timeout"], "timeout must not be negative");
  checkEnum(cfg, "compression", COMPRESSION, at, r);
  const retry = section(cfg, "retry_on_failure", at, r);
  if (retry) {
    const p = [...at, "retry_on_failure"];
    checkKnownKeys(
      retry,
      ["enabled", "initial_interval", "randomization_factor", "multiplier", "max_interval", "max_elapsed_time"],
      p,
      r,
      "retry_on_failure",
    );
    const initial = checkDuration(retry, "initial_interval", p, r);
    const max = checkDuration(retry, "max_interval", p, r);
    checkDuration(retry, "max_elapsed_time", p, r);
    if (initial !== undefined && max !== undefined && max > 0 && initial > max) {
      r.error([...p, "initial_interval"], "initial_interval must not be longer than max_interval");
    }
  }
  const queue = section(cfg, "sending_queue", at, r);
  if (queue && queue.enabled !== false) {
    checkInt(queue, "num_consumers", [...at, "sending_queue"], r, 1);
    checkInt(queue, "queue_size", [...at, "sending_queue"], r, 1);
  }
  const headers = cfg.headers;
  if (headers !== undefined && headers !== null && (typeof headers !== "object" || Array.isArray(headers))) {
    r.error([...at, "headers"], "headers must be a mapping of header name to value");
  }
}

export function checkOtlpExporter(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, OTLP_KEYS, at, r, "the otlp exporter");
  const endpoint = cfg.endpoint;
  if (endpoint === undefined || endpoint === null || endpoint === "") {
    r.error(at, "The otlp exporter needs an endpoint (host:port, such as otel-backend:4317)", "key");
  } else if (!isTemplated(endpoint) && !isGrpcTarget(endpoint)) {
    r.error(
      [...at, "endpoint"],
      `endpoint: ${JSON.stringify(endpoint)} must be host:port (such as otel-backend:4317) or an http(s) URL`,
    );
  }
  checkExporterHelper(cfg, at, r);
}

/** gRPC targets: host:port, an http(s) URL, or a gRPC name-resolver scheme (dns:///, unix:). */
function isGrpcTarget(v: unknown): boolean {
  if (isHostPort(v) || isUrl(v, ["http", "https"])) return true;
  return typeof v === "string" && /^(dns:\/\/[^\s]*\/[^\s/]+:\d+|unix:\S+|passthrough:\/\/\/\S+)$/.test(v);
}

export function checkOtlpHttpExporter(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, OTLPHTTP_KEYS, at, r, "the otlphttp exporter");
  const endpoints = ["endpoint", "traces_endpoint", "metrics_endpoint", "logs_endpoint"];
  if (endpoints.every((k) => cfg[k] === undefined || cfg[k] === null || cfg[k] === "")) {
    r.error(
      at,
      "The otlphttp exporter needs an endpoint URL (such as https://otlp.example.com:4318) or a per-signal traces/metrics/logs_endpoint",
      "key",
    );
  }
  for (const key of endpoints) checkUrl(cfg, key, ["http", "https"], at, r, "https://otlp.example.com:4318");
  checkUrl(cfg, "proxy_url", ["http", "https"], at, r, "http://proxy:3128");
  checkEnum(cfg, "encoding", ["proto", "json"], at, r);
  checkDuration(cfg, "idle_conn_timeout", at, r);
  checkExporterHelper(cfg, at, r);
}

export function checkDebugExporter(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(
    cfg,
    ["verbosity", "sampling_initial", "sampling_thereafter", "use_internal_logger", "sending_queue"],
    at,
    r,
    "the debug exporter",
  );
  checkEnum(cfg, "verbosity", ["basic", "normal", "detailed"], at, r);
  checkInt(cfg, "sampling_initial", at, r, 1);
  checkInt(cfg, "sampling_thereafter", at, r, 1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

export function checkOpampExtension(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(
    cfg,
    ["server", "instance_uid", "capabilities", "agent_description", "ppid", "ppid_poll_interval", "auth"],
    at,
    r,
    "the opamp extension",
  );
  const server = section(cfg, "server", at, r);
  const transports = server ? ["ws", "http"].filter((k) => server[k] !== undefined && server[k] !== null) : [];
  if (!server || transports.length !== 1) {
    r.error(
      server ? [...at, "server"] : at,
      "The opamp extension needs exactly one of server.ws or server.http, each with an endpoint",
      server ? "value" : "key",
    );
  }
  for (const t of transports) {
    const p = [...at, "server", t];
    const s = section(server!, t, [...at, "server"], r);
    if (!s) continue;
    checkKnownKeys(
      s,
      ["endpoint", "headers", "tls", "auth", "polling_interval"],
      p,
      r,
      `the opamp extension's ${t} server`,
    );
    if (s.endpoint === undefined) r.error(p, `server.${t} needs an endpoint`, "key");
    const schemes = t === "ws" ? ["ws", "wss"] : ["http", "https"];
    checkUrl(
      s,
      "endpoint",
      schemes,
      p,
      r,
      t === "ws" ? "wss://flowgate.example.com/v1/opamp" : "https://flowgate.example.com/v1/opamp",
    );
    checkDuration(s, "polling_interval", p, r);
  }
  const uid = cfg.instance_uid;
  if (
    uid !== undefined &&
    uid !== "" &&
    !isTemplated(uid) &&
    !(typeof uid === "string" && (UUID.test(uid) || ULID.test(uid)))
  ) {
    r.error([...at, "instance_uid"], "instance_uid must be a UUID (or a ULID)");
  }
  checkDuration(cfg, "ppid_poll_interval", at, r);
}

const HEALTH_CHECK_KEYS = [
  "endpoint",
  "path",
  "tls",
  "cors",
  "auth",
  "include_metadata",
  "response_headers",
  "max_request_body_size",
  "response_body",
  "check_collector_pipeline",
  "use_v2",
  "http",
  "grpc",
  "component_health",
];

export function checkHealthCheckExtension(cfg: Cfg, at: Path, r: Report): void {
  checkKnownKeys(cfg, HEALTH_CHECK_KEYS, at, r, "the health_check extension");
  checkHostPort(cfg, "endpoint", at, r, "0.0.0.0:13133");
  const path = cfg.path;
  if (path !== undefined && (typeof path !== "string" || !path.startsWith("/")))
    r.error([...at, "path"], 'path must start with "/"');
}
