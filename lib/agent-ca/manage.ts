import { createHash, X509Certificate } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { agentCas } from "../db/schema";
import type { Queryable } from "../db/client";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { sealKey } from "./key-box";
import { forgetAgentCaCache, revokeOrgCertificates } from "./store";
import { checkCaMaterial, generateCa } from "./x509";

/** Both PEMs to import a CA, neither to have one generated. */
export const createAgentCaInput = z
  .object({
    cert_pem: z.string().max(65_536).optional(),
    key_pem: z.string().max(65_536).optional(),
  })
  .strict();
export type CreateAgentCaInput = z.infer<typeof createAgentCaInput>;

/** What the API shows of the CA: never the key. */
export type AgentCaView =
  | { enabled: false }
  | {
      enabled: true;
      source: string;
      cert_pem: string;
      subject: string;
      not_after: string;
      fingerprint_sha256: string;
      created_at: string;
    };

export async function getAgentCa(ctx: Ctx): Promise<AgentCaView> {
  return readAgentCa(ctx.db, ctx.orgId);
}

async function readAgentCa(db: Queryable, orgId: string): Promise<AgentCaView> {
  const [row] = await db.select().from(agentCas).where(eq(agentCas.orgId, orgId));
  if (!row) return { enabled: false };
  const cert = new X509Certificate(row.certPem);
  return {
    enabled: true,
    source: row.source,
    cert_pem: row.certPem,
    subject: cert.subject,
    not_after: new Date(cert.validTo).toISOString(),
    fingerprint_sha256: createHash("sha256").update(cert.raw).digest("hex"),
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Enables mTLS for the org's agents: generates a CA, or imports one (PEM certificate and unencrypted private key).
 * The key is sealed before it is stored. One CA per org: 409 while one exists (delete it first).
 */
export async function createAgentCa(ctx: Ctx, input: CreateAgentCaInput): Promise<AgentCaView> {
  requireRole(ctx, "agent_ca.manage");
  const data = parseWith(createAgentCaInput, input);
  if (!data.cert_pem !== !data.key_pem)
    throw new InvalidInputError("Send both cert_pem and key_pem to import a CA, or neither to generate one");
  const material = data.cert_pem
    ? checkCaMaterial(data.cert_pem, data.key_pem!)
    : await generateCa(`FlowGate agent CA ${ctx.orgId}`);
  const source = data.cert_pem ? "imported" : "generated";
  const view = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(agentCas)
      .values({
        orgId: ctx.orgId,
        certPem: material.certPem,
        sealedKey: sealKey(material.keyPem),
        source,
        createdBy: ctx.userId ?? null,
      })
      .onConflictDoNothing()
      .returning({ orgId: agentCas.orgId });
    if (inserted.length === 0) throw new ConflictError("This organization already has an agent CA; delete it first");
    await recordAudit(tx, ctx, {
      action: "agent_ca.create",
      targetType: "agent_ca",
      targetId: ctx.orgId,
      details: { source },
    });
    return readAgentCa(tx, ctx.orgId);
  });
  agentCaChanged(ctx.orgId);
  return view;
}

/** Disables mTLS for the org: the CA goes, and every certificate it issued is revoked. */
export async function deleteAgentCa(ctx: Ctx): Promise<void> {
  requireRole(ctx, "agent_ca.manage");
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx.delete(agentCas).where(eq(agentCas.orgId, ctx.orgId)).returning({ orgId: agentCas.orgId });
    if (deleted.length === 0) throw new NotFoundError("This organization has no agent CA");
    await revokeOrgCertificates(tx, ctx.orgId, "ca_deleted");
    await recordAudit(tx, ctx, { action: "agent_ca.delete", targetType: "agent_ca", targetId: ctx.orgId });
  });
  agentCaChanged(ctx.orgId);
}

/**
 * Tells this process's TLS listener to reload the CAs it trusts. `process` is the one object server.ts shares with
 * Next's bundled copy of this module; other replicas pick the change up on their periodic reload.
 */
function agentCaChanged(orgId: string) {
  forgetAgentCaCache(orgId);
  process.emit("flowgate:agent-ca-changed" as never);
}
