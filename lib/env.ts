import { z } from "zod";

/**
 * Every environment variable the server and the CLI read, with its check and default. An empty value counts as
 * unset. Values are read per variable and memoised on the raw string: server.ts sets FLOWGATE_LISTEN_PORT and the
 * generated secrets after start-up, and process.env is the only thing server.ts shares with Next's bundled copy of
 * this module.
 */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer ${min}-${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be an integer ${min}-${max}`).max(max, `must be an integer ${min}-${max}`));
const positiveInt = () =>
  z
    .string()
    .regex(/^\d+$/, "must be a positive integer")
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .positive("must be a positive integer")
        .max(Number.MAX_SAFE_INTEGER, "must be a positive integer"),
    );
/** Positive-integer variables by their defaults, in the order given (the order checkEnv lists errors in). */
const positiveInts = <K extends string>(defaults: Record<K, number>) =>
  Object.fromEntries(
    Object.entries<number>(defaults).map(([name, value]) => [name, positiveInt().default(value)]),
  ) as Record<K, ReturnType<ReturnType<typeof positiveInt>["default"]>>;
const positiveNumber = z
  .string()
  .transform(Number)
  .pipe(z.number("must be a positive number").positive("must be a positive number"));
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const text = z.string();

const schema = z.object({
  NODE_ENV: text.optional(),
  PORT: int(0, 65535).default(3000),
  HOSTNAME: text.default("0.0.0.0"),
  /** Set by server.ts once it listens (PORT may be 0): the port publicUrl() falls back to. */
  FLOWGATE_LISTEN_PORT: int(0, 65535).optional(),
  DATABASE_URL: text.optional(),
  FLOWGATE_DB_POOL: positiveInt().default(10),
  FLOWGATE_DATA_DIR: text.default(".flowgate/data"),
  FLOWGATE_MIGRATIONS_DIR: text.default("drizzle"),
  FLOWGATE_PROTO_DIR: text.optional(),
  FLOWGATE_PUBLIC_URL: httpUrl.optional(),
  AUTH_URL: httpUrl.optional(),
  AUTH_SECRET: text.optional(),
  FLOWGATE_JWT_SECRET: text.optional(),
  FLOWGATE_ADMIN_EMAIL: text.optional(),
  FLOWGATE_ADMIN_PASSWORD: text.optional(),
  AUTH_OIDC_ISSUER: text.optional(),
  AUTH_OIDC_CLIENT_ID: text.optional(),
  AUTH_OIDC_CLIENT_SECRET: text.optional(),
  AUTH_OIDC_NAME: text.default("Single sign-on"),
  AUTH_OIDC_DEFAULT_ORG: text.default("default"),
  FLOWGATE_OTLP_MAX_BYTES: positiveInt().default(8 * 1024 * 1024),
  FLOWGATE_GATEWAY_LOG_LIMIT: positiveInt().default(10_000),
  /** Fractional days are allowed (tests). */
  FLOWGATE_TIMESERIES_RETENTION_DAYS: positiveNumber.default(14),
  FLOWGATE_TIMESERIES_SWEEP_MS: positiveInt().default(5 * 60_000),
  /** Fractional days are allowed (short-lived tokens in tests and demos). */
  FLOWGATE_OPAMP_TOKEN_TTL_DAYS: positiveNumber.default(365),
  ...positiveInts({
    FLOWGATE_DEPLOYMENT_TICK_MS: 500,
    /** The shortest gate watch a deployment may ask for: own metrics come in 1-minute buckets (tests lower it). */
    FLOWGATE_GATE_MIN_WATCH_SECONDS: 60,
    /** How often captures whose window ended are closed (sample retention runs every 10 minutes of these passes). */
    FLOWGATE_CAPTURE_TICK_MS: 2_000,
    /** Alerts: how often rules are evaluated, deliveries sent and fleet health recorded; webhook retry backoff. */
    FLOWGATE_ALERTS_TICK_MS: 15_000,
    FLOWGATE_ALERTS_RETRY_BASE_MS: 30_000,
    FLOWGATE_ALERTS_MAX_ATTEMPTS: 8,
    /**
     * OpAMP size limits (issue 14): a message in the low MiB fits any collector config, and the two parts that are
     * stored and served whole have their own caps (over a cap: not stored, see lib/opamp/reported-state.ts).
     */
    FLOWGATE_OPAMP_MAX_MESSAGE_BYTES: 4 * 1024 * 1024,
    FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES: 1024 * 1024,
    FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES: 256 * 1024,
    FLOWGATE_OPAMP_MAX_CONNECTIONS: 100_000,
    FLOWGATE_OPAMP_MAX_PENDING_UPGRADES: 2_000,
  }),
  /**
   * How long OpAMP look-ups and writes wait to be coalesced into one query (lib/opamp/batch.ts); 0 = next tick.
   * Unset: 10 ms on the embedded database, 0 on PostgreSQL.
   */
  FLOWGATE_OPAMP_BATCH_LINGER_MS: int(0, 1000).optional(),
  ...positiveInts({
    FLOWGATE_OPAMP_MAX_HTTP_INFLIGHT: 1_000,
    FLOWGATE_OPAMP_PING_SECONDS: 30,
    FLOWGATE_OPAMP_MIN_POLL_SECONDS: 30,
    /** REST requests per credential and minute, counted per process (lib/rate-limit/rest.ts); over it: 429. */
    FLOWGATE_RATE_LIMIT_API_KEY_PER_MIN: 6_000,
    FLOWGATE_RATE_LIMIT_OPAMP_TOKEN_PER_MIN: 1_200,
    FLOWGATE_RATE_LIMIT_REGISTRATION_PER_MIN: 30_000,
    /** Sign-in: failed attempts per account and per source address in one window, shared through the database. */
    FLOWGATE_SIGNIN_MAX_FAILURES_PER_ACCOUNT: 10,
    FLOWGATE_SIGNIN_MAX_FAILURES_PER_IP: 50,
  }),
  FLOWGATE_SIGNIN_WINDOW_SECONDS: int(1, 86_400).default(900),
  /** Raw TCP: a socket that completes no request or upgrade in this time is closed; open sockets per address. */
  FLOWGATE_IDLE_SOCKET_TIMEOUT_MS: positiveInt().default(30_000),
  FLOWGATE_MAX_CONNECTIONS_PER_IP: positiveInt().default(10_000),
  /** FlowGate's own TLS listener: PEM paths; with both set the main port serves HTTPS and wss:// (issue 14). */
  FLOWGATE_TLS_CERT: text.optional(),
  FLOWGATE_TLS_KEY: text.optional(),
  /** Extra client CAs (PEM bundle path) trusted beside the orgs' agent CAs for client certificates. */
  FLOWGATE_TLS_CLIENT_CA: text.optional(),
  /** Agent client certificates signed from CSRs: lifetime, and how long before expiry one is renewed. */
  FLOWGATE_AGENT_CERT_TTL_HOURS: positiveNumber.default(168),
  FLOWGATE_AGENT_CERT_RENEW_HOURS: positiveNumber.default(48),
  LOG_LEVEL: z
    .enum(
      ["trace", "debug", "info", "warn", "error", "fatal", "silent"],
      "must be one of trace, debug, info, warn, error, fatal, silent",
    )
    .default("info"),
  /** Prometheus /metrics: open on its own port, or on the main port to this bearer token. */
  FLOWGATE_METRICS_PORT: int(0, 65535).optional(),
  FLOWGATE_METRICS_TOKEN: text.optional(),
  /** The ingress-route agent CLI (`flowgate routes`). */
  FLOWGATE_URL: httpUrl.default("http://localhost:3000"),
  FLOWGATE_AGENT_TOKEN: text.optional(),
});

export type Env = z.output<typeof schema>;
export type EnvName = keyof Env;

export class EnvError extends Error {
  override name = "EnvError";
}

const memo = new Map<EnvName, { raw: string | undefined; value: unknown }>();

function parseOne<K extends EnvName>(name: K, source: Record<string, string | undefined>): Env[K] {
  const raw = source[name] === "" ? undefined : source[name];
  const r = schema.shape[name].safeParse(raw);
  if (!r.success) throw new EnvError(`${name} ${r.error.issues[0].message}, got ${JSON.stringify(raw)}`);
  return r.data as Env[K];
}

/** One variable, checked; throws an EnvError naming it and what it expects. */
export function env<K extends EnvName>(name: K): Env[K] {
  const raw = process.env[name];
  const hit = memo.get(name);
  if (hit && hit.raw === raw) return hit.value as Env[K];
  const value = parseOne(name, process.env);
  memo.set(name, { raw, value });
  return value;
}

/** Checks every variable at once (server and CLI start-up), so a bad value stops the process before it serves. */
export function checkEnv(source: Record<string, string | undefined> = process.env): Env {
  const errors: string[] = [];
  const out: Partial<Record<EnvName, unknown>> = {};
  for (const name of Object.keys(schema.shape) as EnvName[]) {
    try {
      out[name] = parseOne(name, source);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  // A certificate without its key (or the reverse) would silently serve plain HTTP.
  if (!out.FLOWGATE_TLS_CERT !== !out.FLOWGATE_TLS_KEY)
    errors.push("FLOWGATE_TLS_CERT and FLOWGATE_TLS_KEY must be set together");
  if (out.FLOWGATE_TLS_CLIENT_CA && !out.FLOWGATE_TLS_CERT)
    errors.push("FLOWGATE_TLS_CLIENT_CA needs FLOWGATE_TLS_CERT and FLOWGATE_TLS_KEY");
  if (errors.length) throw new EnvError(`Invalid environment: ${errors.join("; ")}`);
  return out as Env;
}
