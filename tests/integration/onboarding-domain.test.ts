import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { listRegistrationTokens } from "@/lib/registration-tokens/queries";
import { registerGateway, restartGatewayRegistration } from "@/lib/gateways/register";
import { recordHeartbeat, getConfigForAgent } from "@/lib/gateways/heartbeat";
import { verifyOpampToken } from "@/lib/gateways/opamp-token";
import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { deleteGateway } from "@/lib/gateways/delete";
import { requestGatewayRestart } from "@/lib/gateways/restart";
import { getGatewayStatus, listGateways, getGatewayDetail } from "@/lib/gateways/queries";
import { addAgentTags, listAgentTags, removeAgentTags, setGatewayTags } from "@/lib/gateways/tags";
import { gateways, registrationTokens, auditLog } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from "@/lib/errors";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => { database = await openTestDatabase(); });
afterAll(async () => { await database?.drop(); });

const body = (instance_id: string, extra: Record<string, unknown> = {}) => ({ name: `gw ${instance_id}`, instance_id, hostname: `${instance_id}.local`, ...extra });

describe("registration tokens", () => {
  it("creates, lists with status (never the token), and revokes", async () => {
    const { owner } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "first", expires_in_days: 30 });
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(t.max_uses).toBe(1);
    const [stored] = await database.db.select().from(registrationTokens).where(eq(registrationTokens.id, t.id));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(t.token);
    let list = await listRegistrationTokens(owner);
    expect(list).toMatchObject([{ id: t.id, name: "first", status: "active", use_count: 0, max_uses: 1 }]);
    expect(JSON.stringify(list)).not.toContain(t.token);
    await registerGateway(database.db, t.token, body("gw-a"));
    list = await listRegistrationTokens(owner);
    expect(list[0]).toMatchObject({ status: "used_up", use_count: 1 });
    await revokeRegistrationToken(owner, t.id);
    expect((await listRegistrationTokens(owner))[0].status).toBe("revoked");
    await expect(revokeRegistrationToken(owner, t.id)).rejects.toThrow(NotFoundError);
  });
});

describe("gateway registration", () => {
  it("registers, heartbeats to healthy, and re-registers in place", async () => {
    const { owner, org } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "multi", max_uses: null });
    const reg = await registerGateway(database.db, t.token, body("gw-1", { metadata: { version: "1.0.0", otel_version: "0.88.0", capabilities: ["AcceptsRemoteConfig"] } }));
    expect(reg).toMatchObject({ name: "gw gw-1", instance_id: "gw-1", org_id: org.id, status: "registered" });
    expect(reg.opamp_endpoint).toMatch(/^ws:\/\/.*\/api\/v1\/opamp\/v1\/opamp$/);
    const g = await verifyOpampToken(database.db, reg.opamp_token);
    expect(g.id).toBe(reg.id);
    expect((await getGatewayStatus(owner, reg.id)).health.status).toBe("unknown");
    expect(await recordHeartbeat(database.db, reg.opamp_token, "gw-1", { metrics: { logs_processed: 10, errors: 1, latency_ms: 2.5 } })).toEqual({ status: "ok", gateway_id: reg.id });
    const status = await getGatewayStatus(owner, reg.id);
    expect(status.health).toMatchObject({ status: "healthy", health_score: 100 });
    expect(status.version).toEqual({ agent_version: "1.0.0", otel_version: "0.88.0", capabilities: ["AcceptsRemoteConfig"] });
    expect(status.metrics).toMatchObject({ logs_processed: 10, errors: 1, latency_ms: 2.5 });
    const again = await registerGateway(database.db, t.token, body("gw-1", { name: "renamed" }));
    expect(again.id).toBe(reg.id);
    expect(again.name).toBe("renamed");
    await expect(verifyOpampToken(database.db, reg.opamp_token)).rejects.toThrow(UnauthorizedError);
    const [{ n }] = await database.db.select({ n: count() }).from(gateways).where(eq(gateways.orgId, org.id));
    expect(n).toBe(1);
    await expect(recordHeartbeat(database.db, again.opamp_token, "other", {})).rejects.toThrow(ForbiddenError);
    await expect(getConfigForAgent(database.db, again.opamp_token, "gw-1")).rejects.toThrow("Gateway not found or no active config");
    const list = await listGateways(owner, { health: "healthy" });
    expect(list.total).toBe(1);
    await setGatewayTags(owner, reg.id, { tags: { env: "prod" } });
    expect((await listGateways(owner, { tag: "env=prod" })).total).toBe(1);
    expect((await listGateways(owner, { tag: "env=dev" })).total).toBe(0);
    await addAgentTags(owner, { gateway_ids: [reg.id], tags: { env: "dev", region: "eu" } });
    expect(await listAgentTags(owner)).toEqual([{ key: "env", value: "dev", count: 1 }, { key: "region", value: "eu", count: 1 }]);
    await removeAgentTags(owner, { gateway_ids: [reg.id], keys: ["region"] });
    expect((await getGatewayDetail(owner, reg.id)).tags).toEqual([{ key: "env", value: "dev" }]);
    await expect(requestGatewayRestart(owner, reg.id)).rejects.toThrow(ConflictError);
    const rotated = await rotateGatewayToken(owner, reg.id);
    await expect(verifyOpampToken(database.db, again.opamp_token)).rejects.toThrow(UnauthorizedError);
    const rr = await restartGatewayRegistration(database.db, t.token, reg.id);
    await expect(verifyOpampToken(database.db, rotated.opamp_token)).rejects.toThrow(UnauthorizedError);
    await deleteGateway(owner, reg.id);
    await expect(verifyOpampToken(database.db, rr.opamp_token)).rejects.toThrow(UnauthorizedError);
    const audit = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, org.id));
    expect(audit.map((a) => a.action)).toContain("gateway.register");
  });

  it("refuses bad tokens and bad bodies", async () => {
    const { owner, viewer } = await makeOrg(database.db);
    await expect(registerGateway(database.db, "nope", body("x"))).rejects.toThrow("Invalid or expired registration token");
    const t = await createRegistrationToken(owner, { name: "t" });
    await expect(registerGateway(database.db, t.token, { instance_id: "" })).rejects.toThrow(InvalidInputError);
    await expect(createRegistrationToken(viewer, { name: "v" })).rejects.toThrow(ForbiddenError);
  });
});
