import type http from "node:http";
import type https from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { logger } from "../log/logger";

export type ConnectionLimits = { idleTimeoutMs: number; maxPerIp: number };

/**
 * Raw TCP limits Node's HTTP server lacks: a socket that completes no request and no upgrade within
 * `idleTimeoutMs` is destroyed (Node's own timeouts only start with a request, and keep-alive ones after it), and
 * an address holding `maxPerIp` sockets has further ones destroyed on accept. Counted per process.
 */
export function guardConnections(server: http.Server | https.Server, limits: ConnectionLimits): void {
  const perIp = new Map<string, number>();
  const pending = new WeakMap<Duplex, NodeJS.Timeout>();
  const log = logger("server");
  let refusedLogged = 0;

  server.on("connection", (socket: Socket) => {
    const ip = socket.remoteAddress ?? "unknown";
    const open = perIp.get(ip) ?? 0;
    if (open >= limits.maxPerIp) {
      // Once per minute at most: a flood must not turn into a log flood.
      if (Date.now() - refusedLogged > 60_000) {
        refusedLogged = Date.now();
        log.warn({ ip, open }, "connection refused: too many open connections from this address");
      }
      return void socket.destroy();
    }
    perIp.set(ip, open + 1);
    socket.once("close", () => {
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
      clearTimeout(pending.get(socket));
    });
    const timer = setTimeout(() => socket.destroy(), limits.idleTimeoutMs);
    timer.unref();
    pending.set(socket, timer);
  });

  const settled = (socket: Duplex) => {
    // Over TLS the request's socket is the TLSSocket wrapping the raw one "connection" saw; Node keeps that raw
    // socket as `_parent` (undocumented, but there since TLSSocket exists).
    const raw = (socket as Duplex & { _parent?: Duplex })._parent ?? socket;
    clearTimeout(pending.get(raw));
    pending.delete(raw);
  };
  server.on("request", (req: http.IncomingMessage) => settled(req.socket));
  server.on("upgrade", (_req: http.IncomingMessage, socket: Duplex) => settled(socket));
}
