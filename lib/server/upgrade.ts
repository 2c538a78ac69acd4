import type http from "node:http";
import type { Duplex } from "node:stream";

/** Writes a plain HTTP response on a socket that asked to upgrade, then closes it (no 101 was sent). */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ detail: message });
  const lines = [
    `HTTP/1.1 ${status} ${httpStatusText(status)}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (socket.writable) socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
  socket.destroy();
}

function httpStatusText(status: number): string {
  return (
    (
      {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        429: "Too Many Requests",
        503: "Service Unavailable",
      } as Record<number, string>
    )[status] ?? "Error"
  );
}

export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
