import { afterEach, describe, expect, it } from "vitest";
import { checkEnv, env, EnvError } from "./env";

describe("environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it("applies the documented defaults when nothing is set (empty counts as unset)", () => {
    const parsed = checkEnv({ PORT: "" });
    expect(parsed).toMatchObject({
      PORT: 3000,
      HOSTNAME: "0.0.0.0",
      FLOWGATE_DATA_DIR: ".flowgate/data",
      FLOWGATE_MIGRATIONS_DIR: "drizzle",
      FLOWGATE_DB_POOL: 10,
      FLOWGATE_OTLP_MAX_BYTES: 8 * 1024 * 1024,
      FLOWGATE_GATEWAY_LOG_LIMIT: 10_000,
      FLOWGATE_OPAMP_TOKEN_TTL_DAYS: 365,
      FLOWGATE_DEPLOYMENT_TICK_MS: 500,
      FLOWGATE_OPAMP_MAX_MESSAGE_BYTES: 4 * 1024 * 1024,
      FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES: 1024 * 1024,
      FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES: 256 * 1024,
      FLOWGATE_OPAMP_MAX_CONNECTIONS: 100_000,
      FLOWGATE_OPAMP_MAX_HTTP_INFLIGHT: 1_000,
      FLOWGATE_OPAMP_PING_SECONDS: 30,
      FLOWGATE_OPAMP_MIN_POLL_SECONDS: 30,
      LOG_LEVEL: "info",
      AUTH_OIDC_NAME: "Single sign-on",
      AUTH_OIDC_DEFAULT_ORG: "default",
      FLOWGATE_URL: "http://localhost:3000",
    });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.FLOWGATE_PUBLIC_URL).toBeUndefined();
  });

  it("parses numbers and keeps strings", () => {
    expect(
      checkEnv({
        PORT: "0",
        FLOWGATE_DB_POOL: "3",
        FLOWGATE_OPAMP_TOKEN_TTL_DAYS: "0.5",
        DATABASE_URL: "postgres://h/db",
      }),
    ).toMatchObject({
      PORT: 0,
      FLOWGATE_DB_POOL: 3,
      FLOWGATE_OPAMP_TOKEN_TTL_DAYS: 0.5,
      DATABASE_URL: "postgres://h/db",
    });
  });

  it("names the bad variable, what it expects and what it got", () => {
    expect(() => checkEnv({ PORT: "abc" })).toThrow(
      new EnvError('Invalid environment: PORT must be an integer 0-65535, got "abc"'),
    );
    expect(() => checkEnv({ PORT: "70000", FLOWGATE_DB_POOL: "0", FLOWGATE_PUBLIC_URL: "fg.example.com" })).toThrow(
      'PORT must be an integer 0-65535, got "70000"; FLOWGATE_DB_POOL must be a positive integer, got "0"; ' +
        'FLOWGATE_PUBLIC_URL must be an http(s) URL, got "fg.example.com"',
    );
    expect(() => checkEnv({ LOG_LEVEL: "verbose" })).toThrow(
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "verbose"',
    );
  });

  it("wants the TLS certificate and key together, and a client CA only with them", () => {
    expect(() => checkEnv({ FLOWGATE_TLS_CERT: "/tls/cert.pem" })).toThrow(
      "FLOWGATE_TLS_CERT and FLOWGATE_TLS_KEY must be set together",
    );
    expect(() => checkEnv({ FLOWGATE_TLS_CLIENT_CA: "/tls/ca.pem" })).toThrow(
      "FLOWGATE_TLS_CLIENT_CA needs FLOWGATE_TLS_CERT and FLOWGATE_TLS_KEY",
    );
    const ok = checkEnv({ FLOWGATE_TLS_CERT: "/c.pem", FLOWGATE_TLS_KEY: "/k.pem", FLOWGATE_TLS_CLIENT_CA: "/ca.pem" });
    expect(ok.FLOWGATE_AGENT_CERT_TTL_HOURS).toBe(168);
    expect(ok.FLOWGATE_AGENT_CERT_RENEW_HOURS).toBe(48);
  });

  it("reads one variable on demand and follows later changes to process.env", () => {
    process.env.FLOWGATE_OTLP_MAX_BYTES = "1024";
    expect(env("FLOWGATE_OTLP_MAX_BYTES")).toBe(1024);
    process.env.FLOWGATE_OTLP_MAX_BYTES = "2048";
    expect(env("FLOWGATE_OTLP_MAX_BYTES")).toBe(2048);
    process.env.FLOWGATE_OTLP_MAX_BYTES = "1.5";
    expect(() => env("FLOWGATE_OTLP_MAX_BYTES")).toThrow(
      'FLOWGATE_OTLP_MAX_BYTES must be a positive integer, got "1.5"',
    );
  });
});
