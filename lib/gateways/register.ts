import { getTableColumns, sql } from "drizzle-orm";
import { gateways } from "../db/schema";
import type { Db, Queryable } from "../db/client";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { publishAgentEvent } from "../events/bus";
import { consumeRegistrationToken, findUsableRegistrationToken } from "../registration-tokens/consume";
import { issueOpampToken } from "./opamp-token";
import { findGatewayOr404, GATEWAY_NOT_FOUND, opampEndpointUrl } from "./lookup";
import { registerGatewayInput } from "./schemas";
import { readBody, type BodySource } from "./body";

type GatewayRow = typeof gateways.$inferSelect;

/** The answer to a registration (POST /api/v1/gateways), as docs/api/gateways.md shows it. */
export type GatewayRegistrationResponse = {
  id: string;
  name: string;
  instance_id: string;
  org_id: string;
  status: GatewayRow["status"];
  opamp_token: string;
  opamp_endpoint: string;
  created_at: Date;
};

function registrationResponse(g: GatewayRow, opampToken: string): GatewayRegistrationResponse {
  return {
    id: g.id,
    name: g.name,
    instance_id: g.instanceId,
    org_id: g.orgId,
    status: g.status,
    opamp_token: opampToken,
    opamp_endpoint: opampEndpointUrl(),
    created_at: g.createdAt,
  };
}

/**
 * Exchanges a registration token for a gateway record and its OpAMP token. A new instance_id is created with status
 * `registered`; an instance_id already registered in the token's org is updated in place (never duplicated), and its
 * previous OpAMP token stops working. Consuming the token, the upsert and the new token share one transaction;
 * the token is consumed last, so its row lock (which serializes every registration on a shared token, e.g. a
 * DaemonSet's) is held only until the commit.
 */
export async function registerGateway(
  db: Db,
  registrationToken: string | null | undefined,
  body: BodySource,
): Promise<GatewayRegistrationResponse> {
  const token = await findUsableRegistrationToken(db, registrationToken); // a bad token is 401 whatever the body holds
  const input = parseWith(registerGatewayInput, await readBody(body));
  return db.transaction(async (tx) => {
    const now = new Date();
    const metadata = input.metadata ?? {};
    const [row] = await tx
      .insert(gateways)
      .values({
        orgId: token.orgId,
        instanceId: input.instance_id,
        name: input.name ?? input.instance_id,
        hostname: input.hostname ?? null,
        ipAddress: input.ip_address ?? null,
        status: "registered",
        registrationTokenId: token.id,
        extraMetadata: metadata,
      })
      .onConflictDoUpdate({
        target: [gateways.orgId, gateways.instanceId],
        set: {
          name: input.name ?? sql`${gateways.name}`,
          hostname: input.hostname ?? sql`${gateways.hostname}`,
          ipAddress: input.ip_address ?? sql`${gateways.ipAddress}`,
          registrationTokenId: token.id,
          extraMetadata: sql`${gateways.extraMetadata} || ${JSON.stringify(metadata)}::jsonb`,
          updatedAt: now,
        },
      })
      .returning({ ...getTableColumns(gateways), inserted: sql<boolean>`(xmax = 0)` });
    const { token: opampToken } = await issueOpampToken(tx, row);
    const ctx = { orgId: token.orgId, actor: `registration_token:${token.id}` };
    await recordAudit(tx, ctx, {
      action: row.inserted ? "gateway.register" : "gateway.reregister",
      targetType: "gateway",
      targetId: row.id,
      details: { instance_id: row.instanceId, name: row.name },
    });
    // A re-registration replaced the OpAMP token: a connection still using the old one must close.
    if (!row.inserted) await publishAgentEvent(tx, { type: "disconnect", gatewayId: row.id });
    // Still usable now (not used up or revoked meanwhile)? Otherwise 401, and everything above rolls back.
    await consumeRegistrationToken(tx, registrationToken);
    return registrationResponse(row, opampToken);
  });
}

/**
 * POST /gateways/{id}/restart-registration: a registration token valid for the gateway's org (it uses one of the
 * token's uses) re-issues the gateway's OpAMP token, e.g. after the gateway lost the one it saved. A gateway in
 * another org, or an org_id that is not the token's, is 404 "Gateway not found".
 */
export async function restartGatewayRegistration(
  db: Db,
  registrationToken: string | null | undefined,
  gatewayId: string,
  orgId?: string | null,
): Promise<GatewayRegistrationResponse> {
  // As in registerGateway: a bad token is 401 before anything else, and its use is taken last (a 404 takes none).
  return db.transaction(async (tx) => {
    const token = await findUsableRegistrationToken(tx, registrationToken);
    const gateway = await findGatewayIn(tx, token.orgId, gatewayId, orgId);
    const { token: opampToken } = await issueOpampToken(tx, gateway);
    await recordAudit(
      tx,
      { orgId: token.orgId, actor: `registration_token:${token.id}` },
      {
        action: "gateway.restart_registration",
        targetType: "gateway",
        targetId: gateway.id,
        details: { instance_id: gateway.instanceId },
      },
    );
    await publishAgentEvent(tx, { type: "disconnect", gatewayId: gateway.id });
    await consumeRegistrationToken(tx, registrationToken);
    return registrationResponse(gateway, opampToken);
  });
}

async function findGatewayIn(db: Queryable, tokenOrgId: string, gatewayId: string, orgId?: string | null) {
  if (orgId && orgId !== tokenOrgId) throw new NotFoundError(GATEWAY_NOT_FOUND);
  return findGatewayOr404(db, tokenOrgId, gatewayId);
}
