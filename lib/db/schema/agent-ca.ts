import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ts } from "./common";
import { orgIdColumn, userRef } from "./orgs";

/**
 * An organization's agent CA (issue 14, mTLS the OpAMP way): it signs agents' CSRs into client certificates. The
 * private key is sealed with a key derived from the server's secret (lib/agent-ca/key-box.ts) and never leaves
 * the server; one CA per organization.
 */
export const agentCas = pgTable("agent_cas", {
  orgId: orgIdColumn().primaryKey(),
  certPem: text("cert_pem").notNull(),
  /** AES-256-GCM sealed PKCS#8 PEM (key-box format), never returned by the API. */
  sealedKey: text("sealed_key").notNull(),
  /** "generated" or "imported". */
  source: text("source").notNull(),
  createdBy: userRef("created_by"),
  createdAt: createdAt(),
});

/**
 * Every client certificate FlowGate issued. Kept after the gateway is deleted (no foreign key): the TLS listener
 * refuses a revoked serial, so the row must outlive the gateway it was issued to.
 */
export const agentCertificates = pgTable(
  "agent_certificates",
  {
    /** Upper-case hex, as node:crypto's X509Certificate.serialNumber spells it. */
    serial: text("serial").primaryKey(),
    orgId: orgIdColumn(),
    gatewayId: uuid("gateway_id").notNull(),
    notAfter: ts("not_after").notNull(),
    revokedAt: ts("revoked_at"),
    /** "gateway_deleted", "token_rotated" or "ca_deleted". */
    revokedReason: text("revoked_reason"),
    createdAt: createdAt(),
  },
  (t) => [index("agent_certificates_gateway_idx").on(t.gatewayId)],
);
