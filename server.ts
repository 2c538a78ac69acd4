import type http from "node:http";
import { EventEmitter } from "node:events";
import next from "next";
import { exportSecretsToEnv, publicUrl } from "./lib/config";
import { closeDatabase, getDatabase } from "./lib/db/client";
import { markDraining } from "./lib/server/lifecycle";
import { guardConnections } from "./lib/server/connection-guard";
import { bootstrapFirstAdmin } from "./lib/bootstrap";
import { createOpampEndpoint, OPAMP_PATHS } from "./lib/opamp/endpoint";
import { startControlSocket } from "./lib/cli/control-socket";
import { rejectUpgrade } from "./lib/server/upgrade";
import { createListener } from "./lib/server/listener";
import { startDeploymentEngine } from "./lib/deployments/engine";
import { startAlertsLoop } from "./lib/alerts/loop";
import { checkEnv, EnvError } from "./lib/env";
import { fleetGaugeSource } from "./lib/metrics/fleet";
import { metricsAllowedOnMainPort, startMetricsListener, timeRequest, writeMetrics } from "./lib/metrics/http";
import { metrics } from "./lib/metrics/registry";
import { startCaptureSweeper } from "./lib/capture/sweeper";
import { startTimeseriesSweeper } from "./lib/timeseries/sweeper";
import { startRateLimitSweeper } from "./lib/rate-limit/sweeper";
import { logger } from "./lib/log/logger";
import { handleWithRequestId, requestId } from "./lib/log/request";
import { refuseBadApiPath } from "./lib/http/path-guard";
import { withLogContext } from "./lib/log/context";

function readConfig() {
  try {
    return checkEnv();
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    logger().fatal(e.message); // a bad variable stops the start, named, instead of a stack trace
    process.exit(1);
  }
}
const config = readConfig();
const dev = config.NODE_ENV !== "production";
const log = logger("server");
const { HOSTNAME: hostname, PORT: port } = config;

exportSecretsToEnv();
const database = await getDatabase(); // opens the DB and applies migrations before anything is served
await bootstrapFirstAdmin(database.db);

// HTTPS and wss:// on the same port when FLOWGATE_TLS_CERT/KEY are set (agents' client certificates: lib/agent-ca).
const listener = await createListener(database.db, {
  cert: config.FLOWGATE_TLS_CERT,
  key: config.FLOWGATE_TLS_KEY,
  clientCa: config.FLOWGATE_TLS_CLIENT_CA,
});
const { server } = listener;
guardConnections(server, {
  idleTimeoutMs: config.FLOWGATE_IDLE_SOCKET_TIMEOUT_MS,
  maxPerIp: config.FLOWGATE_MAX_CONNECTIONS_PER_IP,
});
// Next attaches its own upgrade listener (HMR) to whatever it is given as httpServer. A private bus keeps it off
// the real server, so it never sees (and ends) OpAMP sockets: in Next 16 that listener matches any route on the
// socket's path and ends it, and app.getUpgradeHandler() is a no-op.
const upgradeBus = new EventEmitter();
const app = next({ dev, hostname, port, httpServer: upgradeBus as unknown as http.Server });
const handle = app.getRequestHandler();
await app.prepare();

const opamp = await createOpampEndpoint();
const control = await startControlSocket(database);
const stopDeploymentEngine = startDeploymentEngine(); // every replica ticks; row locks keep them from colliding
const stopAlertsLoop = startAlertsLoop(); // every replica too; guarded state writes make each notification happen once
metrics().sources.fleet = fleetGaugeSource(database.db);
const { FLOWGATE_METRICS_TOKEN: metricsToken, FLOWGATE_METRICS_PORT: metricsPort } = config;
const metricsServer = metricsPort !== undefined ? await startMetricsListener(metricsPort, hostname) : null;
const stopCaptureSweeper = startCaptureSweeper(); // closes live captures at their window's end; sample retention
const stopTimeseriesSweeper = startTimeseriesSweeper(); // own-metrics downsampling and retention
const stopRateLimitSweeper = startRateLimitSweeper(); // stale sign-in counters

server.on("request", (req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  timeRequest(req, res, pathname);
  handleWithRequestId(req, res, pathname, () => {
    // Without the token it does not exist here (not the app's sign-in redirect for unknown pages).
    if (pathname === "/metrics")
      return void (metricsAllowedOnMainPort(req, metricsToken) ? writeMetrics(res) : res.writeHead(404).end());
    if (OPAMP_PATHS.has(pathname) && req.method === "POST") return opamp.handleHttp(req, res);
    if (refuseBadApiPath(req, res)) return; // before Next, which answers these with plain-text 500s or HTML 404s
    void handle(req, res);
  });
});

server.on("upgrade", (req, socket, head) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (OPAMP_PATHS.has(pathname))
    return withLogContext({ req_id: requestId(req) }, () => opamp.handleUpgrade(req, socket, head));
  // Next only upgrades its dev-mode HMR socket; anything else would hang there.
  if (dev && pathname.startsWith("/_next/") && upgradeBus.listenerCount("upgrade") > 0)
    upgradeBus.emit("upgrade", req, socket, head);
  else rejectUpgrade(socket, 404, "Not found");
});

server.listen(port, hostname, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  process.env.FLOWGATE_LISTEN_PORT = String(actualPort);
  log.info(
    { mode: dev ? "development" : "production", driver: database.driver, database: database.instanceId },
    `listening on ${listener.secure ? "https" : "http"}://${hostname}:${actualPort}`,
  );
  log.info(`open ${publicUrl()}`);
  // A parent that spawned us with an IPC channel (the tests, the benchmark) learns the port without reading logs.
  process.send?.({ type: "listening", port: actualPort, databaseInstance: database.instanceId });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  markDraining(); // readiness answers 503 from now on, so load balancers stop sending work here
  log.info(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(); // stop accepting; in-flight requests drain
  listener.stop();
  metricsServer?.close();
  server.closeIdleConnections();
  await opamp.close(); // closes agent sockets with 1001 Going Away
  await control.close();
  await stopDeploymentEngine();
  await stopCaptureSweeper();
  await stopTimeseriesSweeper();
  await stopRateLimitSweeper();
  await stopAlertsLoop();
  await app.close();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
