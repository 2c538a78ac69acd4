import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { dataDir } from "../config";
import type { Database } from "../db/client";
import { DomainError } from "../errors";
import { runCommand, type CommandRequest } from "./commands";
import { logger } from "../log/logger";

export const controlSocketPath = () => path.join(dataDir(), "flowgate.sock");

/**
 * PGlite allows one process per data folder, so while the server holds it the CLI asks the server to run the
 * command instead. The Unix socket lives in the data folder and is owner-only (0600): reaching it requires the
 * same OS user that can read the database files anyway. One JSON request and one JSON reply per connection.
 */
export async function startControlSocket(database: Database): Promise<{ close(): Promise<void> }> {
  if (database.driver !== "pglite") return { close: async () => {} };
  const file = controlSocketPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true }); // a socket file left by a crashed server
  const server = net.createServer((conn) => {
    let buf = "";
    conn.setEncoding("utf8");
    conn.on("data", async (chunk) => {
      buf += chunk;
      const nl = buf.indexOf("\n");
      if (nl < 0) return;
      let reply: unknown;
      try {
        reply = { ok: true, result: await runCommand(database, JSON.parse(buf.slice(0, nl)) as CommandRequest) };
      } catch (err) {
        reply =
          err instanceof DomainError
            ? { ok: false, status: err.status, error: err.message }
            : { ok: false, status: 500, error: "Internal error (see the server log)" };
        if (!(err instanceof DomainError)) logger("cli-socket").error({ err }, "command failed");
      }
      conn.end(JSON.stringify(reply) + "\n");
    });
    conn.on("error", () => {});
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(file, resolve));
  fs.chmodSync(file, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          fs.rmSync(file, { force: true });
          resolve();
        }),
      ),
  };
}

/** Sends one command to a running server; resolves null when no server listens on the socket. */
export function callControlSocket(
  request: CommandRequest,
): Promise<{ ok: boolean; result?: unknown; status?: number; error?: string } | null> {
  const file = controlSocketPath();
  if (!fs.existsSync(file)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(file);
    let buf = "";
    conn.setEncoding("utf8");
    conn.on("connect", () => conn.write(JSON.stringify(request) + "\n"));
    conn.on("data", (c) => (buf += c));
    conn.on("end", () => {
      try {
        resolve(JSON.parse(buf));
      } catch (e) {
        reject(e);
      }
    });
    conn.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED" || err.code === "ENOENT")
        resolve(null); // stale socket: no server
      else reject(err);
    });
  });
}
