import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { registerGateway } from "@/lib/gateways/register";
import { getConfigForAgent, recordHeartbeat } from "@/lib/gateways/heartbeat";
import { verifyOpampToken } from "@/lib/gateways/opamp-token";
import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { deleteGateway } from "@/lib/gateways/delete";
import { requestGatewayRestart } from "@/lib/gateways/restart";
import {
  getGatewayConfig,
  getGatewayDetail,
  getGatewayHealth,
  getGatewayMetrics,
  getGatewayStatus,
  getGatewayVersion,
  listGateways,
} from "@/lib/gateways/queries";
import { addAgentTags, listAgentTags, removeAgentTags, setGatewayTags } from "@/lib/gateways/tags";
import { AGENT_CHANNEL, type AgentEvent } from "@/lib/events/bus";
import { agentTags, auditLog, gateways, templates, templateVersions } from "@/lib/db/schema";
import { opampJwtSecret } from "@/lib/config";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from "@/lib/errors";

process.env.FLOWGATE_JWT_SECRET ||= "onboarding-gateways-test-secret";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const events: AgentEvent[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
  await database.listen(AGENT_CHANNEL, (p) => events.push(JSON.parse(p)));
});
afterAll(async () => {
  await database?.drop();
});

async function eventsFor(gatewayId: string) {
  await new Promise((r) => setTimeout(r, 100)); // NOTIFY arrives after commit
  return events
    .filter((e) =>
      "gatewayId" in e ? e.gatewayId === gatewayId : "gatewayIds" in e && e.gatewayIds.includes(gatewayId),
    )
    .map((e) => e.type);
}

async function onboard(instanceId = "gw-1", metadata?: Record<string, unknown>) {
  const org = await makeOrg(database.db);
  const t = await createRegistrationToken(org.owner, { name: "t", max_uses: null });
  const reg = await registerGateway(database.db, t.token, {
    name: `Gateway ${instanceId}`,
    instance_id: instanceId,
    metadata,
  });
  return { ...org, reg, regToken: t.token };
}

const row = async (id: string) => (await database.db.select().from(gateways).where(eq(gateways.id, id)))[0];

describe("legacy heartbeat", () => {
  it("turns a registered gateway active and healthy, keeps the uptime start, stores version and metrics", async () => {
    const { owner, reg } = await onboard("hb-1", {
      version: "1.0.0",
      otel_version: "0.88.0",
      capabilities: ["AcceptsRemoteConfig", "ReportsEffectiveConfig"],
    });
    expect(await getGatewayHealth(owner, reg.id)).toMatchObject({
      status: "unknown",
      health_score: 0,
      last_seen: null,
    });
    expect(await recordHeartbeat(database.db, reg.opamp_token, "hb-1", {})).toEqual({
      status: "ok",
      gateway_id: reg.id,
    });
    const first = await row(reg.id);
    expect(first).toMatchObject({ status: "active" });
    expect(first.activeSince).toEqual(first.lastSeen);
    await new Promise((r) => setTimeout(r, 20));
    await recordHeartbeat(database.db, reg.opamp_token, "hb-1", {
      current_config_version: 3,
      metrics: { logs_processed: 1000, errors: 0, latency_ms: 50.5 },
    });
    const second = await row(reg.id);
    expect(second.activeSince).toEqual(first.activeSince);
    expect(second.lastSeen!.getTime()).toBeGreaterThan(first.lastSeen!.getTime());
    expect(second.currentConfigVersion).toBe(3);
    const status = await getGatewayStatus(owner, reg.id);
    expect(Object.keys(status)).toEqual([
      "gateway_id",
      "instance_id",
      "name",
      "health",
      "version",
      "config",
      "metrics",
    ]);
    expect(status).toMatchObject({
      gateway_id: reg.id,
      instance_id: "hb-1",
      name: "Gateway hb-1",
      health: { status: "healthy", health_score: 100, seconds_since_last_seen: 0, uptime_seconds: 0 },
      version: {
        agent_version: "1.0.0",
        otel_version: "0.88.0",
        capabilities: ["AcceptsRemoteConfig", "ReportsEffectiveConfig"],
      },
      metrics: { logs_processed: 1000, errors: 0, latency_ms: 50.5, last_updated: expect.any(String) },
    });
    expect(await getGatewayMetrics(owner, reg.id)).toEqual(status.metrics);
    expect(await getGatewayVersion(owner, reg.id)).toEqual(status.version);
  });

  it("starts a new uptime run when the gateway was not active", async () => {
    const { reg } = await onboard("hb-2");
    await recordHeartbeat(database.db, reg.opamp_token, "hb-2", {});
    await database.db.update(gateways).set({ status: "inactive" }).where(eq(gateways.id, reg.id));
    const before = await row(reg.id);
    await new Promise((r) => setTimeout(r, 20));
    await recordHeartbeat(database.db, reg.opamp_token, "hb-2", {});
    const after = await row(reg.id);
    expect(after.status).toBe("active");
    expect(after.activeSince!.getTime()).toBeGreaterThan(before.activeSince!.getTime());
  });

  it("refuses another gateway's instance id (403) and bad tokens (401), changing nothing", async () => {
    const { reg, org } = await onboard("hb-3");
    const other = await onboard("hb-4");
    const before = await row(reg.id);
    await expect(recordHeartbeat(database.db, reg.opamp_token, "hb-4", {})).rejects.toThrow(ForbiddenError);
    await expect(recordHeartbeat(database.db, other.reg.opamp_token, "hb-3", {})).rejects.toThrow(
      "Instance ID does not match token",
    );
    const sign = (secret: Uint8Array, claims: Record<string, unknown>, sub = reg.id) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(sub)
        .setJti("j")
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(secret);
    const forged = [
      null,
      "",
      "not-a-jwt",
      reg.opamp_token + "x",
      await sign(new TextEncoder().encode("another-key"), { org_id: org.id, type: "opamp_token" }),
      await sign(opampJwtSecret(), { org_id: org.id, type: "session" }),
      await sign(opampJwtSecret(), { org_id: org.id, type: "opamp_token" }), // right key and type, but not the gateway's current jti
      await sign(opampJwtSecret(), { org_id: other.org.id, type: "opamp_token" }),
    ];
    for (const token of forged) {
      const err = await recordHeartbeat(database.db, token, "hb-3", {}).catch((e) => e);
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.message).toBe("Invalid OpAMP token");
    }
    await expect(recordHeartbeat(database.db, reg.opamp_token, "hb-3", { metrics: { errors: -1 } })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      recordHeartbeat(database.db, reg.opamp_token, "hb-3", { current_config_version: "3" }),
    ).rejects.toThrow(InvalidInputError);
    await expect(recordHeartbeat(database.db, reg.opamp_token, "hb-3", [])).rejects.toThrow(InvalidInputError);
    expect(await row(reg.id)).toEqual(before);
  });
});

describe("desired config", () => {
  async function baseTemplate(orgId: string, content: string) {
    const [t] = await database.db
      .insert(templates)
      .values({ orgId, name: `base-${Date.now()}`, isBase: true, latestVersion: 1 })
      .returning();
    await database.db
      .insert(templateVersions)
      .values({ templateId: t.id, orgId, version: 1, content, contentHash: "x" });
  }

  it("is 404 without a deployment or base template, then the rendered base config", async () => {
    const { reg, owner, org } = await onboard("cfg-1");
    await expect(getConfigForAgent(database.db, reg.opamp_token, "cfg-1")).rejects.toThrow(NotFoundError);
    await expect(getConfigForAgent(database.db, reg.opamp_token, "cfg-1")).rejects.toThrow(
      "Gateway not found or no active config",
    );
    expect(await getGatewayConfig(owner, reg.id)).toMatchObject({
      config_yaml: null,
      source: null,
      deployment_id: null,
    });
    await expect(getConfigForAgent(database.db, reg.opamp_token, "cfg-2")).rejects.toThrow(
      "Instance ID does not match token",
    );
    await baseTemplate(org.id, "receivers:\n  otlp: {}\n# ${INSTANCE_ID}\n");
    const cfg = await getConfigForAgent(database.db, reg.opamp_token, "cfg-1");
    expect(cfg).toEqual({
      config_yaml: "receivers:\n  otlp: {}\n# cfg-1\n",
      config_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      version: 1,
      source: "base",
      deployment_id: null,
    });
    expect(await getGatewayConfig(owner, reg.id)).toMatchObject({
      config_yaml: cfg.config_yaml,
      config_version: 1,
      config_hash: cfg.config_hash,
      source: "base",
      deployment_id: null,
      effective_config_yaml: null,
    });
  });

  it("falls back to the effective config the agent reported", async () => {
    const { reg, owner } = await onboard("cfg-3");
    await database.db
      .update(gateways)
      .set({ effectiveConfig: "exporters: {}\n", effectiveConfigHash: "abc" })
      .where(eq(gateways.id, reg.id));
    expect(await getGatewayConfig(owner, reg.id)).toMatchObject({
      config_yaml: "exporters: {}\n",
      source: "effective",
      effective_config_yaml: "exporters: {}\n",
      effective_config_hash: "abc",
    });
  });
});

describe("gateway management", () => {
  it("rotates the OpAMP token: old one refused, live connection told to disconnect, audited", async () => {
    const { reg, operator } = await onboard("rot-1");
    const rotated = await rotateGatewayToken(operator, reg.id);
    expect(rotated).toMatchObject({
      gateway_id: reg.id,
      opamp_endpoint: expect.stringMatching(/^wss?:\/\//),
      expires_at: expect.any(Date),
    });
    await expect(verifyOpampToken(database.db, reg.opamp_token)).rejects.toThrow("Invalid OpAMP token");
    expect(await recordHeartbeat(database.db, rotated.opamp_token, "rot-1", {})).toMatchObject({ status: "ok" });
    expect(await eventsFor(reg.id)).toContain("disconnect");
    expect(
      (await database.db.select().from(auditLog).where(eq(auditLog.targetId, reg.id))).map((a) => a.action),
    ).toContain("gateway.rotate_token");
  });

  it("deletes a gateway: its token stops working, tags go with it, the connection is closed", async () => {
    const { reg, operator, owner } = await onboard("del-1");
    await setGatewayTags(operator, reg.id, { tags: { env: "prod" } });
    await deleteGateway(operator, reg.id);
    await expect(recordHeartbeat(database.db, reg.opamp_token, "del-1", {})).rejects.toThrow("Invalid OpAMP token");
    await expect(getGatewayDetail(owner, reg.id)).rejects.toThrow("Gateway not found");
    await expect(deleteGateway(operator, reg.id)).rejects.toThrow(NotFoundError);
    expect(await database.db.select().from(agentTags).where(eq(agentTags.gatewayId, reg.id))).toEqual([]);
    expect(await eventsFor(reg.id)).toContain("disconnect");
  });

  it("sends restart only to agents that accept restart commands", async () => {
    const { reg, operator } = await onboard("rs-1");
    await expect(requestGatewayRestart(operator, reg.id)).rejects.toThrow(ConflictError);
    await expect(requestGatewayRestart(operator, reg.id)).rejects.toThrow("Agent does not accept restart commands");
    await database.db.update(gateways).set({ capabilities: 0x2001 }).where(eq(gateways.id, reg.id));
    await expect(requestGatewayRestart(operator, reg.id)).rejects.toThrow(ConflictError);
    await database.db
      .update(gateways)
      .set({ capabilities: 0x2001 | 0x400 })
      .where(eq(gateways.id, reg.id));
    expect(await requestGatewayRestart(operator, reg.id)).toEqual({ gateway_id: reg.id, status: "restart_requested" });
    expect(await eventsFor(reg.id)).toEqual(["restart"]);
    expect((await getGatewayVersion(operator, reg.id)).capabilities).toEqual([
      "ReportsStatus",
      "AcceptsRestartCommand",
      "ReportsHeartbeat",
    ]);
  });

  it("manages tags: replace, bulk add and remove, distinct values with counts, config events", async () => {
    const { reg, operator, viewer, regToken } = await onboard("tag-1");
    const second = await registerGateway(database.db, regToken, { instance_id: "tag-2" });
    expect(await setGatewayTags(operator, reg.id, { tags: { region: "eu", env: "prod" } })).toEqual({
      gateway_id: reg.id,
      tags: [
        { key: "env", value: "prod" },
        { key: "region", value: "eu" },
      ],
    });
    expect((await setGatewayTags(operator, reg.id, { tags: { env: "dev" } })).tags).toEqual([
      { key: "env", value: "dev" },
    ]);
    expect(
      await addAgentTags(operator, { gateway_ids: [reg.id, second.id, reg.id], tags: { team: "obs", env: "prod" } }),
    ).toEqual({ updated: 2 });
    expect((await listAgentTags(viewer)).items).toEqual([
      { key: "env", value: "prod", count: 2 },
      { key: "team", value: "obs", count: 2 },
    ]);
    expect(await removeAgentTags(operator, { gateway_ids: [second.id], keys: ["team", "missing"] })).toEqual({
      updated: 1,
    });
    expect((await listAgentTags(viewer)).items).toEqual([
      { key: "env", value: "prod", count: 2 },
      { key: "team", value: "obs", count: 1 },
    ]);
    expect((await getGatewayDetail(viewer, second.id)).tags).toEqual([{ key: "env", value: "prod" }]);
    expect((await setGatewayTags(operator, second.id, { tags: {} })).tags).toEqual([]);
    expect(await eventsFor(second.id)).toEqual(["config", "config", "config"]);
  });

  it("refuses invalid tags with 400 and changes nothing", async () => {
    const { reg, operator, viewer } = await onboard("tag-3");
    await setGatewayTags(operator, reg.id, { tags: { env: "prod" } });
    const bad: unknown[] = [
      { tags: { "bad key": "x" } },
      { tags: { env: "has space" } },
      { tags: { env: 5 } },
      { tags: [] },
      {},
      { tags: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"])) },
    ];
    for (const b of bad)
      await expect(setGatewayTags(operator, reg.id, b as never), JSON.stringify(b)).rejects.toThrow(InvalidInputError);
    await expect(addAgentTags(operator, { gateway_ids: [], tags: { a: "b" } })).rejects.toThrow(InvalidInputError);
    await expect(addAgentTags(operator, { gateway_ids: ["nope"], tags: { a: "b" } })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(removeAgentTags(operator, { gateway_ids: [reg.id], keys: [] })).rejects.toThrow(InvalidInputError);
    expect((await getGatewayDetail(viewer, reg.id)).tags).toEqual([{ key: "env", value: "prod" }]);
  });

  it("refuses viewers on every write, changing nothing", async () => {
    const { reg, viewer, owner } = await onboard("ro-1");
    await database.db.update(gateways).set({ capabilities: 0x400 }).where(eq(gateways.id, reg.id));
    const before = await row(reg.id);
    const writes = [
      () => rotateGatewayToken(viewer, reg.id),
      () => deleteGateway(viewer, reg.id),
      () => requestGatewayRestart(viewer, reg.id),
      () => setGatewayTags(viewer, reg.id, { tags: { a: "b" } }),
      () => addAgentTags(viewer, { gateway_ids: [reg.id], tags: { a: "b" } }),
      () => removeAgentTags(viewer, { gateway_ids: [reg.id], keys: ["a"] }),
    ];
    for (const w of writes) await expect(w()).rejects.toThrow(ForbiddenError);
    expect(await row(reg.id)).toEqual(before);
    expect((await getGatewayDetail(owner, reg.id)).tags).toEqual([]);
    expect(await verifyOpampToken(database.db, reg.opamp_token)).toMatchObject({ id: reg.id });
  });

  it("never shows or touches another org's gateway: 404 everywhere", async () => {
    const a = await onboard("iso-1");
    const b = await onboard("iso-2");
    const id = a.reg.id;
    const calls = [
      () => getGatewayDetail(b.owner, id),
      () => getGatewayStatus(b.owner, id),
      () => getGatewayHealth(b.owner, id),
      () => getGatewayVersion(b.owner, id),
      () => getGatewayMetrics(b.owner, id),
      () => getGatewayConfig(b.owner, id),
      () => rotateGatewayToken(b.owner, id),
      () => deleteGateway(b.owner, id),
      () => requestGatewayRestart(b.owner, id),
      () => setGatewayTags(b.owner, id, { tags: { a: "b" } }),
      () => addAgentTags(b.owner, { gateway_ids: [b.reg.id, id], tags: { a: "b" } }),
      () => removeAgentTags(b.owner, { gateway_ids: [id], keys: ["a"] }),
      () => getGatewayDetail(b.owner, "not-a-uuid"),
    ];
    for (const call of calls) {
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err.message).toBe("Gateway not found");
    }
    expect((await listGateways(b.owner)).items.map((i) => i.id)).toEqual([b.reg.id]);
    expect((await listAgentTags(b.owner)).items).toEqual([]);
    expect(await verifyOpampToken(database.db, a.reg.opamp_token)).toMatchObject({ id });
  });
});
