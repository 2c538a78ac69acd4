import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { decodeAgentToServer, encodeServerToAgent, frameWsMessage, unframeWsMessage } from "../lib/opamp/codec";
import { ErrorType, ServerFlag, type AgentToServer, type ServerToAgent } from "../lib/opamp/types";

/**
 * The ceiling for `npm run bench -- --compare`: the least an OpAMP WebSocket server must do per message, with the
 * same `ws` and protobuf codec as FlowGate and nothing else (no database, no auth, no Next). Each AgentToServer gets
 * the reply the spec requires [§Status Reporting]: its instance_uid echoed, the server's capabilities on the first
 * reply, ReportFullState when the server lacks the agent's state (first contact without it, or a sequence gap), and
 * the reported state kept in memory. Run as its own process: it reports its port over IPC like server.ts.
 */
const ACCEPTS_STATUS_AND_EFFECTIVE_CONFIG = 0x1n | 0x4n;

type AgentState = {
  seq: bigint;
  capabilities: bigint;
  description?: AgentToServer["agentDescription"];
  health?: AgentToServer["health"];
  effectiveConfig?: AgentToServer["effectiveConfig"];
  remoteConfigStatus?: AgentToServer["remoteConfigStatus"];
};
const agents = new Map<string, AgentState>();

/** Stores what the message reports and builds its reply. */
function answer(msg: AgentToServer, first: boolean): ServerToAgent {
  const key = msg.instanceUid.toString("hex");
  if (msg.instanceUid.length !== 16)
    return {
      instanceUid: msg.instanceUid,
      errorResponse: { type: ErrorType.BadRequest, errorMessage: "instance_uid must be 16 bytes" },
    };
  let state = agents.get(key);
  const gap = !state || msg.sequenceNum !== state.seq + 1n;
  if (!state) agents.set(key, (state = { seq: msg.sequenceNum, capabilities: msg.capabilities }));
  state.seq = msg.sequenceNum;
  if (msg.capabilities) state.capabilities = msg.capabilities;
  if (msg.agentDescription) state.description = msg.agentDescription;
  if (msg.health) state.health = msg.health;
  if (msg.effectiveConfig) state.effectiveConfig = msg.effectiveConfig;
  if (msg.remoteConfigStatus) state.remoteConfigStatus = msg.remoteConfigStatus;
  if (msg.agentDisconnect) agents.delete(key);
  const reply: ServerToAgent = { instanceUid: msg.instanceUid };
  if (first) reply.capabilities = ACCEPTS_STATUS_AND_EFFECTIVE_CONFIG;
  if ((gap || !state.description) && !msg.agentDescription) reply.flags = ServerFlag.ReportFullState;
  return reply;
}

function serve(ws: WebSocket): void {
  let first = true;
  ws.on("message", (data: Buffer) => {
    const unframed = unframeWsMessage(data);
    let reply: ServerToAgent;
    try {
      if (!unframed.ok) throw new Error(unframed.error);
      reply = answer(decodeAgentToServer(unframed.data), first);
    } catch (err) {
      reply = {
        instanceUid: Buffer.alloc(0),
        errorResponse: { type: ErrorType.BadRequest, errorMessage: (err as Error).message },
      };
    }
    first = false;
    ws.send(frameWsMessage(encodeServerToAgent(reply)), { binary: true });
  });
}

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => {
  if (new URL(req.url ?? "/", "http://x").pathname !== "/v1/opamp") return void socket.destroy();
  wss.handleUpgrade(req, socket, head, serve);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => process.exit(0));
