import type http from "node:http";
import type { Duplex } from "node:stream";
import { getDatabase } from "../db/client";
import { closeOpampHub, getOpampHub } from "./hub";
import { createHttpTransport } from "./http-transport";
import { createWsServer } from "./ws-server";

/** OpAMP's default path (what the supervisor uses) and FlowGate's own under /api/v1 (docs/api/opamp.md). */
export const OPAMP_PATHS = new Set(["/api/v1/opamp/v1/opamp", "/v1/opamp"]);

export type OpampEndpoint = {
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void;
  close(): Promise<void>;
};

/** Both OpAMP transports on one hub [§Communication Model]; server.ts routes the OPAMP_PATHS here before Next. */
export async function createOpampEndpoint(): Promise<OpampEndpoint> {
  const { db } = await getDatabase();
  const hub = await getOpampHub();
  const ws = await createWsServer(hub, db);
  const handleHttp = createHttpTransport(hub, db);
  return {
    handleUpgrade: ws.handleUpgrade,
    handleHttp,
    async close() {
      await ws.close();
      await closeOpampHub();
    },
  };
}
