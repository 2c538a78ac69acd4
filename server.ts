import http from "node:http";
import { EventEmitter } from "node:events";
import next from "next";
import { exportSecretsToEnv, publicUrl } from "./lib/config";
import { closeDatabase, getDatabase } from "./lib/db/client";
import { bootstrapFirstAdmin } from "./lib/bootstrap";
import { createOpampEndpoint, OPAMP_PATHS } from "./lib/opamp/endpoint";
import { startControlSocket } from "./lib/cli/control-socket";
import { rejectUpgrade } from "./lib/server/upgrade";
import { startDeploymentEngine } from "./lib/deployments/engine";
import { startCaptureSweeper } from "./lib/capture/sweeper";

const dev = process.env.NODE_ENV !== "production";
const hostname = process.env.HOSTNAME || "0.0.0.0";
const port = Number(process.env.PORT ?? 3000);

exportSecretsToEnv();
const database = await getDatabase(); // opens the DB and applies migrations before anything is served
await bootstrapFirstAdmin(database.db);

const server = http.createServer();
// Next attaches its own upgrade listener (HMR) to whatever it is given as httpServer. A private bus keeps it off
// the real server, so it never sees (and ends) OpAMP sockets. See shared/stack-notes.md, pitfalls 8 and 9.
const upgradeBus = new EventEmitter();
const app = next({ dev, hostname, port, httpServer: upgradeBus as unknown as http.Server });
const handle = app.getRequestHandler();
await app.prepare();

const opamp = await createOpampEndpoint();
const control = await startControlSocket(database);
const stopDeploymentEngine = startDeploymentEngine(); // every replica ticks; row locks keep them from colliding
const stopCaptureSweeper = startCaptureSweeper(); // closes live captures at their window's end; sample retention

server.on("request", (req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (OPAMP_PATHS.has(pathname) && req.method === "POST") return opamp.handleHttp(req, res);
  void handle(req, res);
});

server.on("upgrade", (req, socket, head) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (OPAMP_PATHS.has(pathname)) return opamp.handleUpgrade(req, socket, head);
  // Next only upgrades its dev-mode HMR socket; anything else would hang there.
  if (dev && pathname.startsWith("/_next/") && upgradeBus.listenerCount("upgrade") > 0) upgradeBus.emit("upgrade", req, socket, head);
  else rejectUpgrade(socket, 404, "Not found");
});

server.listen(port, hostname, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  process.env.FLOWGATE_LISTEN_PORT = String(actualPort);
  console.log(`[flowgate] listening on http://${hostname}:${actualPort} (${dev ? "development" : "production"}, ${database.driver} database ${database.instanceId})`);
  console.log(`[flowgate] open ${publicUrl()}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[flowgate] ${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(); // stop accepting; in-flight requests drain
  server.closeIdleConnections();
  await opamp.close(); // closes agent sockets with 1001 Going Away
  await control.close();
  await stopDeploymentEngine();
  await stopCaptureSweeper();
  await app.close();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
