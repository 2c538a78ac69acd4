import { randomUUID } from "node:crypto";
import type { gateways } from "../db/schema";
import type { GatewayVariables } from "../config-distribution/render";
import type { OfferInput, OfferSet } from "./offers";
import type { PresentedCertificate } from "../agent-ca/store";
import type { TlsCertificate } from "./types";
import type { Touch, Transport } from "./state-writer";

export type GatewayRow = typeof gateways.$inferSelect;

/**
 * What the server knows about one agent on one connection (WebSocket) or across the polls of one HTTP agent.
 * A gateway (one OpAMP token) serves one agent: the session binds the instance_uid the agent uses to the gateway.
 */
export type AgentSession = {
  id: string;
  gateway: GatewayVariables;
  transport: Transport;
  /** The token the agent authenticated with; memory only, used for the connection-settings offers. */
  token: string;
  /** The OpAMP URL the agent connected to, offered back in `connection_settings.opamp`. */
  opampEndpoint: string;
  /** The uid bound to the gateway, and a uid the server told the agent to adopt (AgentIdentification). */
  boundUid: Buffer | null;
  assignedUid: Buffer | null;
  /** The uid of the agent's latest message: echoed in pushes [§ServerToAgent.instance_uid]. */
  lastUid: Buffer | null;
  lastSeq: bigint | null;
  /** Whether the server holds the agent's full state (else it asks with ReportFullState). */
  stateKnown: boolean;
  capabilities: bigint;
  firstReplySent: boolean;
  reportedConfigHash: string | null;
  /** The last config outcome seen ("applied:<hash>" / "failed:<hash>"), so each goes into the history once. */
  lastOutcome: string | null;
  /** Health as last derived from AgentHealth (null: never reported), and the agent's start time, for history. */
  reportedHealthy: boolean | null;
  healthStartTime: string | null;
  effectiveConfigHash: string | null;
  sentConfigHash: string | null;
  componentsHash: string | null;
  reportedSettingsHash: string | null;
  offered: { opamp?: string; ownMetrics?: string; ownLogs?: string };
  /** The offers last built for this agent, and the inputs they were built from. */
  offers?: { input: OfferInput; set: OfferSet };
  pendingFullState: boolean;
  lastTouch: Touch | null;
  /** The client certificate the agent connected with over FlowGate's TLS listener (checked at authentication). */
  clientCertificate: PresentedCertificate | null;
  /** A certificate issued on this connection (CSR or renewal), offered in `connection_settings.opamp`. */
  issuedCertificate?: TlsCertificate & { serial: string };
};

const hashOf = (json: Record<string, unknown> | null, key: string) =>
  json && typeof json[key] === "string" && json[key] ? (json[key] as string) : null;

/** A session primed with what the database remembers about the gateway's agent. */
export function newSession(row: GatewayRow, transport: Transport, token: string, opampEndpoint: string): AgentSession {
  return {
    id: randomUUID(),
    gateway: { id: row.id, orgId: row.orgId, instanceId: row.instanceId, name: row.name },
    transport,
    token,
    opampEndpoint,
    boundUid: row.opampInstanceUid ? Buffer.from(row.opampInstanceUid) : null,
    assignedUid: null,
    lastUid: row.opampInstanceUid ? Buffer.from(row.opampInstanceUid) : null,
    lastSeq: row.opampInstanceUid && row.sequenceNum !== null ? BigInt(row.sequenceNum) : null,
    stateKnown: !!row.opampInstanceUid && row.agentDescription !== null,
    capabilities: BigInt(row.capabilities ?? 0),
    firstReplySent: false,
    reportedConfigHash: hashOf(row.remoteConfigStatus, "last_remote_config_hash"),
    lastOutcome: lastOutcome(row),
    reportedHealthy: row.reportedHealthy,
    healthStartTime: hashOf(row.componentHealth, "start_time_unix_nano"),
    effectiveConfigHash: row.effectiveConfigHash,
    sentConfigHash: null,
    componentsHash: hashOf(row.availableComponents, "hash"),
    reportedSettingsHash: hashOf(row.connectionSettingsStatus, "last_connection_settings_hash"),
    offered: {},
    pendingFullState: false,
    lastTouch: null,
    clientCertificate: null,
  };
}

function lastOutcome(row: GatewayRow): string | null {
  const status = hashOf(row.remoteConfigStatus, "status");
  const hash = hashOf(row.remoteConfigStatus, "last_remote_config_hash");
  if (hash && (status === "APPLIED" || status === "FAILED")) return `${status.toLowerCase()}:${hash}`;
  return row.effectiveConfigHash ? `applied:${row.effectiveConfigHash}` : null;
}
