import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { startServer, type TestServer } from "../helpers/server";

// The real gateway/ scripts, run with bash against a real server, each in its own scratch state folder.
const GATEWAY = path.resolve(import.meta.dirname, "../../gateway");
const SCRIPTS = ["docker-entrypoint.sh", "onboard.sh", "heartbeat.sh", "update-opamp-config.sh", "gateway-lib.sh"];
const OPAMP_PATH = "/api/v1/opamp/v1/opamp";

let server: TestServer;
let apiKey: string;
let orgId: string;
const scratchDirs: string[] = [];

beforeAll(async () => {
  server = await startServer();
  ({ key: apiKey, org_id: orgId } = await server.adminKey());
});
afterAll(async () => {
  await server?.stop();
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string; output: string };

/** Runs a gateway script with bash and only the given environment (plus PATH), as the container would. */
function runScript(script: string, args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn("bash", [path.join(GATEWAY, script), ...args], {
      env: { NODE_ENV: "production", PATH: process.env.PATH ?? "/usr/bin:/bin", TMPDIR: os.tmpdir(), ...env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "",
      stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output: stdout + stderr }));
    if (input !== undefined) child.stdin!.on("error", () => {}).end(input); // a script may exit before reading it
  });
}

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpkg-"));
  scratchDirs.push(dir);
  return dir;
}

/** Environment of one gateway: state under a scratch folder, talking to the test server. */
function gatewayEnv(instanceId: string, extra: Record<string, string> = {}) {
  const dir = scratch();
  return {
    dir,
    env: {
      BACKEND_URL: server.url,
      INSTANCE_ID: instanceId,
      STATE_DIR: path.join(dir, "state"),
      ONBOARD_RETRIES: "0",
      ...extra,
    },
  };
}

async function api(method: string, urlPath: string, body?: unknown) {
  const sep = urlPath.includes("?") ? "&" : "?";
  const res = await fetch(`${server.url}${urlPath}${sep}org_id=${orgId}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function registrationToken(maxUses: number | null = 1): Promise<{ id: string; token: string }> {
  const res = await api("POST", "/api/v1/registration-tokens", {
    name: `gwpkg-${Date.now()}`,
    expires_in_days: 1,
    max_uses: maxUses,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function onboard(instanceId: string, extra: Record<string, string> = {}) {
  const { token } = await registrationToken();
  const gw = gatewayEnv(instanceId, { REGISTRATION_TOKEN: token, ...extra });
  const run = await runScript("onboard.sh", [], gw.env);
  expect(run.code, run.output).toBe(0);
  const stateDir = gw.env.STATE_DIR;
  const opampToken = fs.readFileSync(path.join(stateDir, "opamp_token"), "utf8").trim();
  const gatewayId = fs.readFileSync(path.join(stateDir, "gateway_id"), "utf8").trim();
  return { ...gw, run, registrationToken: token, opampToken, gatewayId };
}

describe("onboard.sh", () => {
  it("registers with a fresh registration token and saves the OpAMP token (mode 600) without printing it", async () => {
    const gw = await onboard("gw-onboard-1", {
      GATEWAY_NAME: "Edge gateway 1",
      GATEWAY_IP: "10.1.2.3",
      USE_SUPERVISOR: "true",
    });
    expect(gw.opampToken.split(".")).toHaveLength(3);
    expect(fs.statSync(path.join(gw.env.STATE_DIR, "opamp_token")).mode & 0o777).toBe(0o600);
    for (const secret of [gw.opampToken, gw.registrationToken, gw.opampToken.split(".")[2]])
      expect(gw.run.output).not.toContain(secret);
    expect(gw.run.stdout).toContain(`registered as gateway ${gw.gatewayId}`);
    const endpoint = fs.readFileSync(path.join(gw.env.STATE_DIR, "opamp_endpoint"), "utf8").trim();
    expect(endpoint).toMatch(new RegExp(`^ws://.+${OPAMP_PATH}$`));

    const detail = await api("GET", `/api/v1/gateways/${gw.gatewayId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      instance_id: "gw-onboard-1",
      name: "Edge gateway 1",
      status: "registered",
      ip_address: "10.1.2.3",
    });
    expect(detail.body.metadata).toMatchObject({ management_mode: "supervisor", otel_version: "0.136.0" });
    expect(detail.body.version.capabilities).toContain("AcceptsRemoteConfig");
  });

  it("refuses a used, a revoked and an unknown registration token with a clear message and saves nothing", async () => {
    const used = await onboard("gw-used-1");
    const revoked = await registrationToken();
    expect((await api("DELETE", `/api/v1/registration-tokens/${revoked.id}`)).status).toBe(204);
    for (const token of [used.registrationToken, revoked.token, "not-a-real-token-0123456789"]) {
      const gw = gatewayEnv("gw-refused-1", { REGISTRATION_TOKEN: token });
      const run = await runScript("onboard.sh", [], gw.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("registration refused (HTTP 401): Invalid or expired registration token");
      expect(run.stderr).toContain("create a new one");
      expect(run.output).not.toContain(token);
      expect(fs.readdirSync(gw.env.STATE_DIR)).toEqual([]);
    }
    const list = await api("GET", "/api/v1/gateways?q=gw-refused-1");
    expect(list.body.total).toBe(0);
  });

  it("explains a missing token (exit 2) and an unreachable server (exit 1)", async () => {
    const missing = await runScript("onboard.sh", [], gatewayEnv("gw-x").env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("REGISTRATION_TOKEN is not set");
    const { token } = await registrationToken();
    const gw = gatewayEnv("gw-x", { REGISTRATION_TOKEN: token, BACKEND_URL: "http://127.0.0.1:9" });
    const down = await runScript("onboard.sh", [], gw.env);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("cannot reach FlowGate at http://127.0.0.1:9");
    expect(fs.existsSync(path.join(gw.env.STATE_DIR, "opamp_token"))).toBe(false);
  });
});

describe("heartbeat.sh", () => {
  it("--once turns a registered gateway active and healthy, with the collector's own metrics", async () => {
    const gw = await onboard("gw-heartbeat-1");
    expect((await api("GET", `/api/v1/gateways/${gw.gatewayId}/health`)).body).toMatchObject({
      status: "unknown",
      health_score: 0,
    });
    const metricsFile = path.join(gw.dir, "metrics.txt");
    fs.writeFileSync(
      metricsFile,
      [
        "# TYPE otelcol_receiver_accepted_log_records_total counter",
        'otelcol_receiver_accepted_log_records_total{receiver="otlp",transport="grpc"} 1200',
        'otelcol_receiver_accepted_log_records_total{receiver="otlp",transport="http"} 34',
        'otelcol_exporter_send_failed_log_records_total{exporter="otlp"} 5',
      ].join("\n"),
    );
    const run = await runScript("heartbeat.sh", ["--once"], {
      ...gw.env,
      METRICS_URL: `file://${metricsFile}`,
      CURRENT_CONFIG_VERSION: "3",
    });
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain("[HEARTBEAT] sent for 'gw-heartbeat-1'");
    expect(run.output).not.toContain(gw.opampToken);

    const health = await api("GET", `/api/v1/gateways/${gw.gatewayId}/health`);
    expect(health.body).toMatchObject({ status: "healthy", health_score: 100 });
    expect(health.body.seconds_since_last_seen).toBeLessThanOrEqual(60);
    const detail = await api("GET", `/api/v1/gateways/${gw.gatewayId}`);
    expect(detail.body).toMatchObject({ status: "active", current_config_version: 3 });
    expect(detail.body.metrics).toMatchObject({ logs_processed: 1234, errors: 5 });
  });

  it("fails with the server's reason for another instance id, and without a token", async () => {
    const gw = await onboard("gw-heartbeat-2");
    const other = await runScript("heartbeat.sh", ["--once"], {
      ...gw.env,
      INSTANCE_ID: "gw-someone-else",
      METRICS_URL: "",
    });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("refused (HTTP 403): Instance ID does not match token");
    const none = await runScript("heartbeat.sh", ["--once"], gatewayEnv("gw-heartbeat-3").env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no OpAMP token");
    const badInterval = await runScript("heartbeat.sh", [], { ...gw.env, HEARTBEAT_INTERVAL: "soon" });
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toContain("HEARTBEAT_INTERVAL must be a whole number");
  });
});

describe("update-opamp-config.sh", () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

  function copyConfig(name: string): string {
    const file = path.join(scratch(), name);
    fs.copyFileSync(path.join(GATEWAY, name), file);
    return file;
  }

  it("rewrites the extension config's endpoint and token and keeps everything else", async () => {
    const file = copyConfig("otel-collector-config.yaml");
    const run = await runScript(
      "update-opamp-config.sh",
      [token, `http://flowgate.example:3000${OPAMP_PATH}`, file],
      {},
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain(token);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const expected = YAML.parse(fs.readFileSync(path.join(GATEWAY, "otel-collector-config.yaml"), "utf8"));
    expected.extensions.opamp.server.ws.endpoint = `ws://flowgate.example:3000${OPAMP_PATH}`;
    expected.extensions.opamp.server.ws.headers.Authorization = `Bearer ${token}`;
    expect(YAML.parse(fs.readFileSync(file, "utf8"))).toEqual(expected);
  });

  it("rewrites the supervisor config from a token on stdin", async () => {
    const file = copyConfig("supervisor.yaml");
    const run = await runScript(
      "update-opamp-config.sh",
      ["-", `wss://flowgate.example${OPAMP_PATH}`, file],
      {},
      `${token}\n`,
    );
    expect(run.code, run.output).toBe(0);
    const config = YAML.parse(fs.readFileSync(file, "utf8"));
    expect(config.server).toEqual({
      endpoint: `wss://flowgate.example${OPAMP_PATH}`,
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(config.capabilities).toMatchObject({
      accepts_remote_config: true,
      reports_remote_config: true,
      reports_effective_config: true,
    });
  });

  it("leaves a file without OpAMP settings untouched, and refuses unsafe input", async () => {
    const file = copyConfig("collector-base.yaml");
    const before = fs.readFileSync(file, "utf8");
    const none = await runScript("update-opamp-config.sh", [token, `ws://x${OPAMP_PATH}`, file], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("file left unchanged");
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["collector-base.yaml"]);
    for (const [t, endpoint] of [
      ['bad"token', `ws://x${OPAMP_PATH}`],
      [token, "ws://x/${env:EVIL}"],
      [token, "ftp://x"],
    ]) {
      const run = await runScript("update-opamp-config.sh", [t, endpoint, file], {});
      expect(run.code).toBe(2);
    }
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });
});

describe("docker-entrypoint.sh (GATEWAY_DRY_RUN)", () => {
  function entrypointEnv(dir: string) {
    return {
      GATEWAY_DRY_RUN: "1",
      TEMPLATE_DIR: GATEWAY,
      CONFIG_PATH: path.join(dir, "etc/otelcol/config.yaml"),
      SUPERVISOR_CONFIG_PATH: path.join(dir, "etc/opampsupervisor/supervisor.yaml"),
    };
  }

  it("onboards, then picks supervisor mode by default and extension mode with USE_SUPERVISOR=false", async () => {
    const { token } = await registrationToken();
    const gw = gatewayEnv("gw-entrypoint-1", { REGISTRATION_TOKEN: token });
    const env = { ...gw.env, ...entrypointEnv(gw.dir) };
    const supervised = await runScript("docker-entrypoint.sh", [], env);
    expect(supervised.code, supervised.output).toBe(0);
    expect(supervised.stdout).toContain(`exec /usr/local/bin/opampsupervisor --config ${env.SUPERVISOR_CONFIG_PATH}\n`);
    expect(supervised.output).not.toContain("heartbeat.sh");
    const opampToken = fs.readFileSync(path.join(gw.env.STATE_DIR, "opamp_token"), "utf8").trim();
    const savedEndpoint = fs.readFileSync(path.join(gw.env.STATE_DIR, "opamp_endpoint"), "utf8").trim();
    expect(supervised.output).not.toContain(opampToken);
    const supervisor = YAML.parse(fs.readFileSync(env.SUPERVISOR_CONFIG_PATH, "utf8"));
    expect(supervisor.server).toEqual({ endpoint: savedEndpoint, headers: { Authorization: `Bearer ${opampToken}` } });

    // Already onboarded: the spent registration token is not used again; OPAMP_SERVER_URL overrides the endpoint.
    const extension = await runScript("docker-entrypoint.sh", [], {
      ...env,
      USE_SUPERVISOR: "false",
      OPAMP_SERVER_URL: "ws://app:3000",
    });
    expect(extension.code, extension.output).toBe(0);
    expect(extension.stdout).toContain(`exec /usr/local/bin/otelcol-flowgate --config ${env.CONFIG_PATH}\n`);
    expect(extension.stdout).toContain("would start:");
    expect(extension.stdout).toContain("already onboarded");
    const collector = YAML.parse(fs.readFileSync(env.CONFIG_PATH, "utf8"));
    expect(collector.extensions.opamp.server.ws).toEqual({
      endpoint: `ws://app:3000${OPAMP_PATH}`,
      headers: { Authorization: `Bearer ${opampToken}` },
    });
    expect(fs.readFileSync(path.join(gw.env.STATE_DIR, "opamp_token"), "utf8").trim()).toBe(opampToken);
  });

  it("starts unmanaged when not onboarded, and refuses an unknown USE_SUPERVISOR", async () => {
    const gw = gatewayEnv("gw-entrypoint-2");
    const env = { ...gw.env, ...entrypointEnv(gw.dir), USE_SUPERVISOR: "false" };
    const run = await runScript("docker-entrypoint.sh", [], env);
    expect(run.code, run.output).toBe(0);
    expect(run.stderr).toContain("not onboarded");
    expect(run.stderr).toContain("heartbeat not started");
    expect(run.stdout).toContain("exec /usr/local/bin/otelcol-flowgate --config");
    expect(YAML.parse(fs.readFileSync(env.CONFIG_PATH, "utf8")).extensions.opamp.server.ws.headers.Authorization).toBe(
      "Bearer ${env:OPAMP_TOKEN}",
    );
    const bad = await runScript("docker-entrypoint.sh", [], { ...env, USE_SUPERVISOR: "maybe" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("USE_SUPERVISOR must be true or false");
  });
});

// Reported as skipped, not passed, where shellcheck is missing (apt-get install shellcheck).
const hasShellcheck = !spawnSync("shellcheck", ["--version"]).error;

describe("scripts", () => {
  it.skipIf(!hasShellcheck)("pass shellcheck", async () => {
    const result = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile("shellcheck", ["-x", ...SCRIPTS], { cwd: GATEWAY }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
      ),
    );
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
  });
});
