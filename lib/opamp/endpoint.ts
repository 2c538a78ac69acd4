import type http from "node:http";
import type { Duplex } from "node:stream";
import { rejectUpgrade } from "../server/upgrade";

/** OpAMP's default path (what the supervisor uses) and the path of the design notes. */
export const OPAMP_PATHS = new Set(["/api/v1/opamp/v1/opamp", "/v1/opamp"]);

export type OpampEndpoint = {
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void;
  close(): Promise<void>;
};

export function createOpampEndpoint(): OpampEndpoint {
  return {
    handleUpgrade: (_req, socket) => rejectUpgrade(socket, 503, "OpAMP is not enabled on this server", { "Retry-After": "30" }),
    handleHttp: (_req, res) => {
      res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "30" });
      res.end(JSON.stringify({ detail: "OpAMP is not enabled on this server" }));
    },
    close: async () => {},
  };
}
