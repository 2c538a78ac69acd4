import type http from "node:http";
import type { TLSSocket } from "node:tls";
import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { agentCas, agentCertificates } from "../db/schema";
import { env } from "../env";
import { processSingleton } from "../singleton";
import { UnauthorizedError } from "../errors";
import { openKey } from "./key-box";
import { gatewayIdOf, generateClientCertificate, signCsr, type CaMaterial } from "./x509";

export type RevokeReason = "gateway_deleted" | "token_rotated" | "ca_deleted";

/** The org's CA with its key opened, or null when the org has none (CSRs are then declined). */
export async function loadAgentCa(db: Queryable, orgId: string): Promise<CaMaterial | null> {
  const [row] = await db.select().from(agentCas).where(eq(agentCas.orgId, orgId));
  return row ? { certPem: row.certPem, keyPem: openKey(row.sealedKey) } : null;
}

// Process-wide: the REST verbs (Next's copy of this module) clear what the OpAMP hub (server.ts's copy) reads.
const enabledCache = processSingleton("agent-ca-enabled", () => new Map<string, { at: number; enabled: boolean }>());
const ENABLED_TTL_MS = 5_000;

/**
 * Whether the org signs CSRs, for the capabilities of every first reply: cached a few seconds so a connect storm
 * costs one query per org, and a CA created or deleted is offered within seconds.
 */
export async function agentCaEnabled(db: Queryable, orgId: string): Promise<boolean> {
  const hit = enabledCache.get(orgId);
  if (hit && Date.now() - hit.at < ENABLED_TTL_MS) return hit.enabled;
  const rows = await db.select({ orgId: agentCas.orgId }).from(agentCas).where(eq(agentCas.orgId, orgId));
  enabledCache.set(orgId, { at: Date.now(), enabled: rows.length > 0 });
  return rows.length > 0;
}

export function forgetAgentCaCache(orgId: string) {
  enabledCache.delete(orgId);
}

export type OfferedCertificate = { certPem: string; caPem: string; keyPem?: string; serial: string; notAfter: Date };

const lifetimeMs = () => env("FLOWGATE_AGENT_CERT_TTL_HOURS") * 3_600_000;

/**
 * Issues a client certificate to a gateway's agent and records its serial: from the agent's CSR, or (renewal
 * without a CSR) with a key pair the server makes. Null when the org has no CA.
 */
export async function issueAgentCertificate(
  db: Queryable,
  gateway: { id: string; orgId: string },
  csrPem: string | null,
): Promise<OfferedCertificate | null> {
  const ca = await loadAgentCa(db, gateway.orgId);
  if (!ca) return null;
  const issued = csrPem
    ? await signCsr(ca, csrPem, gateway.id, lifetimeMs())
    : await generateClientCertificate(ca, gateway.id, lifetimeMs());
  await db.insert(agentCertificates).values({
    serial: issued.serial,
    orgId: gateway.orgId,
    gatewayId: gateway.id,
    notAfter: issued.notAfter,
  });
  return {
    certPem: issued.certPem,
    caPem: ca.certPem,
    serial: issued.serial,
    notAfter: issued.notAfter,
    keyPem: "keyPem" in issued ? (issued.keyPem as string) : undefined,
  };
}

/** Revokes every live certificate of a gateway (deleted, or its token rotated): the listener refuses them from now on. */
export async function revokeGatewayCertificates(db: Queryable, gatewayId: string, reason: RevokeReason) {
  await db
    .update(agentCertificates)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(agentCertificates.gatewayId, gatewayId), isNull(agentCertificates.revokedAt)));
}

export async function revokeOrgCertificates(db: Queryable, orgId: string, reason: RevokeReason) {
  await db
    .update(agentCertificates)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(agentCertificates.orgId, orgId), isNull(agentCertificates.revokedAt)));
}

export type PresentedCertificate = { serial: string; notAfter: Date; gatewayId: string | null };

/**
 * The client certificate an OpAMP request arrived with over FlowGate's TLS listener. No certificate: null (the
 * token alone authenticates, so an agent can connect to send its first CSR). A certificate must chain to a trusted
 * CA (the handshake checked that, expiry included) and, when FlowGate issued it, not be revoked: checked before
 * the token, so a deleted gateway's certificate is refused as revoked. Throws UnauthorizedError.
 */
export async function presentedCertificate(
  db: Queryable,
  req: http.IncomingMessage,
): Promise<PresentedCertificate | null> {
  const socket = req.socket as TLSSocket;
  if (!socket.encrypted || typeof socket.getPeerCertificate !== "function") return null;
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return null;
  if (!socket.authorized) throw new UnauthorizedError(`Client certificate refused: ${socket.authorizationError}`);
  const serial = peer.serialNumber.toUpperCase();
  const [row] = await db.select().from(agentCertificates).where(eq(agentCertificates.serial, serial));
  if (row?.revokedAt) throw new UnauthorizedError("Client certificate refused: revoked");
  return { serial, notAfter: new Date(peer.valid_to), gatewayId: row?.gatewayId ?? gatewayIdOf(peer) };
}

/**
 * A certificate maps to the gateway FlowGate issued it to (or, from the FLOWGATE_TLS_CLIENT_CA bundle, the one its
 * `urn:flowgate:gateway:<id>` URI SAN or CN names); it must be the gateway the OpAMP token names.
 */
export function requireCertificateFor(cert: PresentedCertificate | null, gatewayId: string) {
  if (cert && cert.gatewayId !== gatewayId)
    throw new UnauthorizedError("Client certificate refused: it was issued to another gateway");
}

/** Whether a presented certificate is due for renewal (FLOWGATE_AGENT_CERT_RENEW_HOURS before it expires). */
export function dueForRenewal(cert: PresentedCertificate | null | undefined, now = Date.now()): boolean {
  return !!cert && cert.notAfter.getTime() - now < env("FLOWGATE_AGENT_CERT_RENEW_HOURS") * 3_600_000;
}

/** Every org's agent CA certificate: what the TLS listener asks clients for and verifies them against. */
export async function agentCaCertificates(db: Queryable): Promise<string[]> {
  return (await db.select({ certPem: agentCas.certPem }).from(agentCas)).map((r) => r.certPem);
}
