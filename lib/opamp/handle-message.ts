import type { Db } from "../db/client";
import type { ConfigStatusReport } from "../deployments/rollout-status";
import type { DesiredConfig } from "../config-distribution/desired";
import type { GatewayVariables } from "../config-distribution/render";
import type { GatewayEvent } from "../gateways/history";
import { InvalidInputError } from "../errors";
import { toServerErrorResponse } from "./errors";
import { buildOffers, offersToSend, sameOfferInput, type OfferInput } from "./offers";
import { readReportedState, type ReportedState } from "./reported-state";
import type { AgentSession } from "./session";
import type { GatewayChanges, StateWriter, Touch } from "./state-writer";
import { sameBytes, uidToString, uuidv7Bytes } from "./uid";
import { AgentCap, hasCap, SERVER_CAPABILITIES, ServerCapability } from "./capabilities";
import { dueForRenewal, type OfferedCertificate } from "../agent-ca/store";
import { errorText } from "./log";
import { AgentFlag, ServerFlag, type AgentToServer, type ServerToAgent } from "./types";

export type HandlerDeps = {
  db: Db;
  writer: StateWriter;
  /** Cached values come back as they are, not as promises: every heartbeat reply asks for both. */
  desired(gateway: GatewayVariables): DesiredConfig | null | Promise<DesiredConfig | null>;
  heartbeatSeconds(orgId: string): number | Promise<number>;
  /** Records what an agent reported about a config (rollout status); many agents' reports go in one write. */
  recordConfigStatus(report: ConfigStatusReport): Promise<void>;
  /** Appends to gateways' history; many agents' events go in one write. */
  recordEvents(event: GatewayEvent): Promise<void>;
  /** The id of another gateway whose agent already uses this instance_uid, if any. */
  uidOwner(uid: Buffer, gatewayId: string): Promise<string | null>;
  /** Whether the org has an agent CA (then CSRs are signed and AcceptsConnectionSettingsRequest offered). */
  agentCaEnabled(orgId: string): Promise<boolean>;
  /** Issues a client certificate from a CSR, or with a server-made key (null CSR); null without a CA. */
  issueCertificate(gateway: { id: string; orgId: string }, csrPem: string | null): Promise<OfferedCertificate | null>;
  /** Base URL of this server's OTLP receivers. */
  telemetryBase(): string;
  log(message: string): void;
};

export type Outcome = {
  reply: ServerToAgent;
  /** Hash of the RemoteConfig in the reply, for rollout status once it is sent. */
  sentConfigHash: string | null;
  /** The agent said goodbye (AgentDisconnect): mark it disconnected once the reply is out. */
  disconnect: boolean;
};

/**
 * The transport-free core: one AgentToServer in, its ServerToAgent out [§Status Reporting]. Validates the uid,
 * binds it to the gateway, tracks the sequence, stores the reported state, and adds what the agent should get:
 * capabilities, ReportFullState, AgentIdentification, RemoteConfig, connection settings. With `command` set the
 * reply carries only that command (the spec forbids other fields beside it); state is still stored.
 *
 * Synchronous until something must be waited for (a query, a write): a heartbeat whose answer is cached comes back
 * as a value, not a promise, so the bulk of a fleet's messages cost no promise and no turn of the event loop.
 */
export function handleAgentMessage(
  s: AgentSession,
  msg: AgentToServer,
  deps: HandlerDeps,
  command?: number,
): Outcome | Promise<Outcome> {
  const before = { ...s };
  try {
    const outcome = handle(s, msg, deps, command);
    return outcome instanceof Promise ? outcome.catch((err) => forget(s, before, err)) : outcome;
  } catch (err) {
    return forget(s, before, err);
  }
}

/**
 * A message that could not be stored counts for nothing: the session forgets what it read from it and asks for the
 * full state in its next reply, so what the agent reported during a database outage is sent again, not lost.
 */
function forget(s: AgentSession, before: AgentSession, err: unknown): never {
  Object.assign(s, before, { stateKnown: false });
  throw err;
}

// The steps below build a closure or a promise only when they must wait: under tsx every closure created also costs
// a call naming it, and every promise the async-context hooks.

function handle(s: AgentSession, msg: AgentToServer, deps: HandlerDeps, command?: number): Outcome | Promise<Outcome> {
  const uid = msg.instanceUid;
  const requestsUid = (msg.flags & AgentFlag.RequestInstanceUid) !== 0n;
  if (uid.length !== 16 && !requestsUid) return failure(uid, `instance_uid must be 16 bytes, got ${uid.length}`);
  const known = knownUid(s, uid, requestsUid);
  if (known) return handleBound(s, msg, deps, known, command);
  return bindNewUid(s, uid, deps).then((binding) => handleBound(s, msg, deps, binding, command));
}

function handleBound(
  s: AgentSession,
  msg: AgentToServer,
  deps: HandlerDeps,
  { newUid, uidChange }: Binding,
  command?: number,
): Outcome | Promise<Outcome> {
  const gap = s.lastSeq === null || msg.sequenceNum !== s.lastSeq + 1n;
  s.lastSeq = msg.sequenceNum;
  s.lastUid = newUid ?? msg.instanceUid;
  const reported = readReportedState(s, msg);
  const needFull = (gap || !s.stateKnown || s.pendingFullState) && !reported.carriesFullState;
  if (reported.carriesFullState) s.stateKnown = true;
  const answer: Answer = { newUid, needFull, componentsUnknown: reported.componentsUnknown, command };
  // A heartbeat (or a report of nothing new) is liveness only, batched: no write to wait for.
  if (reportsNothing(reported, uidChange)) deps.writer.touch(touchOf(s, msg));
  else return store(s, msg, reported, uidChange, deps).then(() => replyAfterStore(s, msg, deps, answer));
  return s.firstReplySent && s.transport === "websocket"
    ? buildReply(s, msg, deps, answer, undefined)
    : replyAfterStore(s, msg, deps, answer);
}

type Answer = { newUid: Buffer | null; needFull: boolean; componentsUnknown: boolean; command?: number };

/**
 * A CSR (opamp-go sends one by default) is signed when the org has an agent CA, and declined by silence otherwise
 * (AcceptsConnectionSettingsRequest is then not offered); the rest of the message is answered as usual
 * [§Agent-initiated CSR Flow]. So the capabilities in a first reply (and every HTTP reply) wait for that answer.
 */
async function replyAfterStore(s: AgentSession, msg: AgentToServer, deps: HandlerDeps, answer: Answer) {
  const withCapabilities = !s.firstReplySent || s.transport === "http";
  return buildReply(s, msg, deps, answer, withCapabilities ? await deps.agentCaEnabled(s.gateway.orgId) : undefined);
}

function buildReply(
  s: AgentSession,
  msg: AgentToServer,
  deps: HandlerDeps,
  { newUid, needFull, componentsUnknown, command }: Answer,
  caEnabled: boolean | undefined,
): Outcome | Promise<Outcome> {
  const reply: ServerToAgent = { instanceUid: Buffer.from(msg.instanceUid) };
  if (caEnabled !== undefined)
    reply.capabilities =
      SERVER_CAPABILITIES | (caEnabled ? BigInt(ServerCapability.AcceptsConnectionSettingsRequest) : 0n);
  s.firstReplySent = true;
  if (newUid) reply.agentIdentification = { newInstanceUid: newUid };
  else if (command !== undefined) {
    s.pendingFullState ||= needFull;
    return {
      reply: { instanceUid: reply.instanceUid, capabilities: reply.capabilities, command: { type: command } },
      sentConfigHash: null,
      disconnect: false,
    };
  }
  s.pendingFullState = false;
  if (needFull || componentsUnknown)
    reply.flags =
      (needFull ? ServerFlag.ReportFullState : 0n) | (componentsUnknown ? ServerFlag.ReportAvailableComponents : 0n);
  if (msg.agentDisconnect) return { reply, sentConfigHash: null, disconnect: true };

  // A heartbeat's desired config and heartbeat interval are cached: its reply is built in this turn.
  const desired = desiredFor(s, deps);
  if (desired instanceof Promise || wantsCertificate(s, msg)) return finishLater(s, msg, deps, reply, desired);
  const sentConfigHash = addRemoteConfig(s, reply, desired);
  const heartbeatSeconds = deps.heartbeatSeconds(s.gateway.orgId);
  if (heartbeatSeconds instanceof Promise)
    return heartbeatSeconds.then((seconds) => finish(s, msg, deps, reply, sentConfigHash, seconds));
  return finish(s, msg, deps, reply, sentConfigHash, heartbeatSeconds);
}

/** The rest of buildReply() when the desired config is not cached or a certificate is due. */
async function finishLater(
  s: AgentSession,
  msg: AgentToServer,
  deps: HandlerDeps,
  reply: ServerToAgent,
  desired: DesiredConfig | null | Promise<DesiredConfig | null>,
): Promise<Outcome> {
  const sentConfigHash = addRemoteConfig(s, reply, await desired);
  if (wantsCertificate(s, msg)) await addCertificate(s, msg, deps);
  return finish(s, msg, deps, reply, sentConfigHash, await deps.heartbeatSeconds(s.gateway.orgId));
}

function finish(
  s: AgentSession,
  msg: AgentToServer,
  deps: HandlerDeps,
  reply: ServerToAgent,
  sentConfigHash: string | null,
  heartbeatSeconds: number,
): Outcome {
  addConnectionSettings(s, reply, heartbeatSeconds, deps.telemetryBase(), msg.connectionSettingsStatus !== undefined);
  return { reply, sentConfigHash, disconnect: false };
}

const reportsNothing = (reported: ReportedState, uidChange: GatewayChanges) =>
  !reported.rollout &&
  reported.history.length === 0 &&
  Object.keys(reported.changes).length === 0 &&
  Object.keys(uidChange).length === 0;

/** This message's liveness, kept on the session for the disconnect write. */
function touchOf(s: AgentSession, msg: AgentToServer): Touch {
  s.lastTouch = { gatewayId: s.gateway.id, at: Date.now(), seq: msg.sequenceNum, transport: s.transport };
  return s.lastTouch;
}

function failure(uid: Buffer, message: string): Outcome {
  return { reply: toServerErrorResponse(uid, new InvalidInputError(message)), sentConfigHash: null, disconnect: false };
}

/** Writes what the message reported (at once) or just its liveness (batched), then the rollout status it implies. */
async function store(
  s: AgentSession,
  msg: AgentToServer,
  reported: ReportedState,
  uidChange: GatewayChanges,
  deps: HandlerDeps,
) {
  const changes: GatewayChanges = { ...reported.changes, ...uidChange };
  const history = reported.history.map((e) => ({ ...e, gatewayId: s.gateway.id }));
  // Drift is judged when the agent says what it runs or how its last config went: the desired config is cached, so
  // this costs no query per message.
  if (msg.effectiveConfig || msg.remoteConfigStatus) {
    const desired = await deps.desired(s.gateway);
    changes.configDrift = !!desired && !!s.effectiveConfigHash && desired.hash !== s.effectiveConfigHash;
    if (reported.rollout?.status === "applied" && desired?.hash === reported.rollout.hashHex)
      changes.currentConfigVersion = desired.source.version;
    for (const e of history)
      if (desired && desired.hash === e.details?.hash) e.details = { ...e.details, version: desired.source.version };
  }
  const touch = touchOf(s, msg);
  if (Object.keys(changes).length > 0) await deps.writer.writeNow(touch, changes);
  else deps.writer.touch(touch);
  if (reported.rollout) await deps.recordConfigStatus({ gatewayId: s.gateway.id, ...reported.rollout });
  await Promise.all(history.map((e) => deps.recordEvents(e)));
}

type Binding = { newUid: Buffer | null; uidChange: GatewayChanges };

/**
 * Binds the message's uid to the gateway. A server-assigned uid is sent back (AgentIdentification) when the agent
 * asks for one (RequestInstanceUid) or when its uid is already another gateway's [§Duplicate instance_uid Detection].
 * knownUid settles what needs no query (the uid bound already, or the one assigned); null leaves it to bindNewUid.
 */
function knownUid(s: AgentSession, uid: Buffer, requestsUid: boolean): Binding | null {
  if (requestsUid) return assignUid(s);
  if (sameBytes(uid, s.boundUid)) return { newUid: null, uidChange: {} };
  if (sameBytes(uid, s.assignedUid)) {
    s.boundUid = uid;
    s.assignedUid = null;
    return { newUid: null, uidChange: { opampInstanceUid: uid } };
  }
  return null;
}

async function bindNewUid(s: AgentSession, uid: Buffer, deps: HandlerDeps): Promise<Binding> {
  const owner = await deps.uidOwner(uid, s.gateway.id);
  if (owner) {
    deps.log(
      `instance_uid ${uidToString(uid)} on gateway ${s.gateway.id} is already used by gateway ${owner}: assigning a new one`,
    );
    return assignUid(s);
  }
  // A different agent (or the same one with a new uid) now speaks for this gateway: nothing is known about it.
  s.boundUid = uid;
  s.lastSeq = null;
  s.stateKnown = false;
  return { newUid: null, uidChange: { opampInstanceUid: uid } };
}

function assignUid(s: AgentSession): Binding {
  s.assignedUid = uuidv7Bytes();
  return { newUid: s.assignedUid, uidChange: {} };
}

/** The desired config of an agent that accepts RemoteConfig (null otherwise); cached, or a promise of it. */
export function desiredFor(s: AgentSession, deps: HandlerDeps): DesiredConfig | null | Promise<DesiredConfig | null> {
  return hasCap(s.capabilities, AgentCap.AcceptsRemoteConfig) ? deps.desired(s.gateway) : null;
}

/**
 * RemoteConfig (of `desired`, see desiredFor) only to agents that accept it, only when the agent's reported hash
 * differs from the desired one [§RemoteConfigStatus.last_remote_config_hash], never with an empty map. Not repeated
 * on a WebSocket that already carried it, nor to agents that cannot report status once sent, or whose effective
 * config already is the desired one.
 */
export function addRemoteConfig(s: AgentSession, reply: ServerToAgent, desired: DesiredConfig | null): string | null {
  if (!desired || desired.files.length === 0 || desired.hash === s.reportedConfigHash) return null;
  const reportsStatus = hasCap(s.capabilities, AgentCap.ReportsRemoteConfig);
  if (!reportsStatus && desired.hash === s.effectiveConfigHash) return null;
  if (desired.hash === s.sentConfigHash && (s.transport === "websocket" || !reportsStatus)) return null;
  reply.remoteConfig = remoteConfigMessage(desired);
  s.sentConfigHash = desired.hash;
  return desired.hash;
}

type RemoteConfigMessage = NonNullable<ServerToAgent["remoteConfig"]>;
/** Built once per desired config (shared by every agent that gets it; never mutated). */
const remoteConfigMessages = new WeakMap<DesiredConfig, RemoteConfigMessage>();

export function remoteConfigMessage(desired: DesiredConfig): RemoteConfigMessage {
  let message = remoteConfigMessages.get(desired);
  if (!message) {
    const configMap: Record<string, { body: Buffer; contentType: string }> = {};
    for (const f of desired.files)
      configMap[f.name] = { body: Buffer.from(f.body, "utf8"), contentType: f.contentType };
    message = { config: { configMap }, configHash: Buffer.from(desired.hash, "hex") };
    remoteConfigMessages.set(desired, message);
  }
  return message;
}

/**
 * A client certificate for the agent, offered with the `opamp` connection settings: signed from its CSR
 * [§Agent-initiated CSR Flow], or — when the certificate it connected with is close to expiry and it accepts OpAMP
 * connection settings — a fresh key and certificate made by the server [§Server-initiated Certificate Generation].
 * A CSR that cannot be signed (malformed, bad signature) is declined like any CSR without a CA, and logged.
 */
function wantsCertificate(s: AgentSession, msg: AgentToServer): boolean {
  const csr = msg.connectionSettingsRequest?.opamp?.certificateRequest?.csr;
  const renew =
    !csr &&
    !s.issuedCertificate &&
    dueForRenewal(s.clientCertificate) &&
    hasCap(s.capabilities, AgentCap.AcceptsOpAMPConnectionSettings);
  return !!csr?.length || renew;
}

async function addCertificate(s: AgentSession, msg: AgentToServer, deps: HandlerDeps) {
  const csr = msg.connectionSettingsRequest?.opamp?.certificateRequest?.csr;
  try {
    const issued = await deps.issueCertificate(s.gateway, csr?.length ? csr.toString("utf8") : null);
    if (!issued) return;
    s.issuedCertificate = {
      serial: issued.serial,
      cert: Buffer.from(issued.certPem),
      caCert: Buffer.from(issued.caPem),
      ...(issued.keyPem ? { privateKey: Buffer.from(issued.keyPem) } : {}),
    };
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    deps.log(`CSR of gateway ${s.gateway.id} declined: ${errorText(err)}`);
  }
}

/** Connection settings that changed since last offered; all of them again when the agent reports another hash. */
export function addConnectionSettings(
  s: AgentSession,
  reply: ServerToAgent,
  heartbeatSeconds: number,
  telemetryBase: string,
  statusReported: boolean,
) {
  const input: OfferInput = {
    capabilities: s.capabilities,
    heartbeatSeconds,
    token: s.token,
    opampEndpoint: s.opampEndpoint,
    telemetryBase,
    certificate: s.issuedCertificate,
  };
  // Built (and hashed) again only when an input changed: every heartbeat reply passes here.
  if (!s.offers || !sameOfferInput(s.offers.input, input)) s.offers = { input, set: buildOffers(input) };
  const { set } = s.offers;
  if (statusReported && s.reportedSettingsHash && s.reportedSettingsHash !== set.hashHex) s.offered = {};
  const offers = offersToSend(set, s.offered, s.reportedSettingsHash);
  if (offers) reply.connectionSettings = offers;
}
