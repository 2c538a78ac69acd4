import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

// Raw TCP limits (lib/server/connection-guard.ts): a socket that never completes a request is closed after the idle
// timeout; connections beyond the per-address cap are closed on accept. Real sockets, nothing sent on most of them.
const IDLE_MS = 3_000;
const CAP = 4;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      LOG_LEVEL: "warn",
      FLOWGATE_IDLE_SOCKET_TIMEOUT_MS: String(IDLE_MS),
      FLOWGATE_MAX_CONNECTIONS_PER_IP: String(CAP),
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

type Probe = { socket: net.Socket; closedAt: Promise<number>; data: () => string };
function connect(): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let data = "";
    socket.on("data", (d) => (data += d.toString()));
    socket.on("error", () => {});
    const closedAt = new Promise<number>((r) => socket.once("close", () => r(Date.now())));
    socket.once("connect", () => resolve({ socket, closedAt, data: () => data }));
    socket.once("error", reject);
  });
}
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);

it("closes a socket that sends nothing, but not one that completed a request", async () => {
  const started = Date.now();
  const silent = await connect();
  const served = await connect();
  served.socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const closedAt = await within(silent.closedAt, IDLE_MS + 5_000);
  expect(closedAt).not.toBe("timeout");
  expect((closedAt as number) - started).toBeGreaterThanOrEqual(IDLE_MS - 100);
  expect(served.data()).toMatch(/^HTTP\/1\.1 (200|503)/);
  // Past the idle timeout the served keep-alive socket is still open (its own keep-alive timeout is Node's 5 s).
  expect(await within(served.closedAt, 200)).toBe("timeout");
  served.socket.destroy();
  await served.closedAt;
}, 30_000);

it("refuses connections beyond the per-address cap, and accepts again once one closes", async () => {
  const held = await Promise.all(Array.from({ length: CAP }, connect));
  const extra = await connect(); // the TCP handshake completes in the kernel; the server then closes it at once
  expect(await within(extra.closedAt, 1_000)).not.toBe("timeout");
  for (const p of held) expect(p.socket.destroyed).toBe(false);

  held[0].socket.destroy();
  await held[0].closedAt;
  // The server sees that close a moment later; until then a new connection may still be over the cap.
  let answer = "";
  for (let i = 0; i < 20 && !answer; i++) {
    const again = await connect();
    again.socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    await again.closedAt;
    answer = again.data();
    if (!answer) await new Promise((r) => setTimeout(r, 100));
  }
  expect(answer).toMatch(/^HTTP\/1\.1 (200|503)/);
  for (const p of held.slice(1)) p.socket.destroy();
}, 30_000);
