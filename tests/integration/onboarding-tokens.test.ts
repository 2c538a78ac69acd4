import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { listRegistrationTokens } from "@/lib/registration-tokens/queries";
import { registerGateway, restartGatewayRegistration } from "@/lib/gateways/register";
import { verifyOpampToken } from "@/lib/gateways/opamp-token";
import { auditLog, gateways, registrationTokens } from "@/lib/db/schema";
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from "@/lib/errors";

process.env.FLOWGATE_JWT_SECRET ||= "onboarding-tokens-test-secret";
process.env.FLOWGATE_PUBLIC_URL = "https://flowgate.example.com/";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const INVALID = "Invalid or expired registration token";
const body = (instance_id: string, extra: Record<string, unknown> = {}) => ({
  name: `gw ${instance_id}`,
  instance_id,
  hostname: `${instance_id}.local`,
  ...extra,
});

async function snapshot(orgId: string) {
  const [g] = await database.db.select({ n: count() }).from(gateways).where(eq(gateways.orgId, orgId));
  const [a] = await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.orgId, orgId));
  const tokens = await database.db
    .select({ id: registrationTokens.id, useCount: registrationTokens.useCount })
    .from(registrationTokens)
    .where(eq(registrationTokens.orgId, orgId));
  return { gateways: g.n, audit: a.n, tokens };
}

describe("registration tokens", () => {
  it("creates a 64-character token stored only as its SHA-256, single use and 30 days by default", async () => {
    const { owner } = await makeOrg(database.db);
    const before = Date.now();
    const t = await createRegistrationToken(owner, { name: "first" });
    expect(Object.keys(t).sort()).toEqual(["created_at", "expires_at", "id", "max_uses", "name", "token"]);
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(t.max_uses).toBe(1);
    expect(t.expires_at.getTime() - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(t.expires_at.getTime() - before).toBeLessThanOrEqual(30 * 86_400_000 + 5000);
    const [stored] = await database.db.select().from(registrationTokens).where(eq(registrationTokens.id, t.id));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(t.token);
    const list = await listRegistrationTokens(owner);
    expect(list).toMatchObject({
      items: [{ id: t.id, name: "first", status: "active", is_active: true, use_count: 0, max_uses: 1 }],
      total: 1,
      page: 1,
      limit: 50,
    });
    expect(JSON.stringify(list)).not.toContain(t.token);
  });

  it("shows status active → used_up → revoked, and expired", async () => {
    const { owner } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "once", expires_in_days: 1 });
    await registerGateway(database.db, t.token, body("gw-a"));
    expect((await listRegistrationTokens(owner)).items[0]).toMatchObject({ status: "used_up", use_count: 1 });
    await revokeRegistrationToken(owner, t.id);
    expect((await listRegistrationTokens(owner)).items[0]).toMatchObject({ status: "revoked", is_active: false });
    await expect(revokeRegistrationToken(owner, t.id)).rejects.toThrow(NotFoundError);
    const e = await createRegistrationToken(owner, { name: "old" });
    await database.db
      .update(registrationTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(registrationTokens.id, e.id));
    expect((await listRegistrationTokens(owner)).items.find((x) => x.id === e.id)!.status).toBe("expired");
  });

  it("validates name, expires_in_days (1..3650) and max_uses", async () => {
    const { owner } = await makeOrg(database.db);
    for (const bad of [
      { name: "" },
      { name: "x", expires_in_days: 0 },
      { name: "x", expires_in_days: 3651 },
      { name: "x", expires_in_days: 1.5 },
      { name: "x", max_uses: 0 },
      { name: "x", expires_in_days: "30" },
    ]) {
      await expect(createRegistrationToken(owner, bad as never), JSON.stringify(bad)).rejects.toThrow(
        InvalidInputError,
      );
    }
    expect(
      (await createRegistrationToken(owner, { name: "x", expires_in_days: 3650, max_uses: null })).max_uses,
    ).toBeNull();
    expect((await listRegistrationTokens(owner)).items).toHaveLength(1);
  });

  it("is an admin task: viewers and operators are refused, nothing is written", async () => {
    const { owner, operator, viewer, org } = await makeOrg(database.db);
    await expect(createRegistrationToken(viewer, { name: "v" })).rejects.toThrow(ForbiddenError);
    await expect(createRegistrationToken(operator, { name: "o" })).rejects.toThrow(/requires the admin role/);
    const t = await createRegistrationToken(owner, { name: "t" });
    await expect(revokeRegistrationToken(viewer, t.id)).rejects.toThrow(ForbiddenError);
    await expect(revokeRegistrationToken(operator, t.id)).rejects.toThrow(ForbiddenError);
    expect((await snapshot(org.id)).tokens).toHaveLength(1);
    expect((await listRegistrationTokens(owner)).items[0].status).toBe("active");
  });

  it("keeps organizations apart", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    const t = await createRegistrationToken(a.owner, { name: "a" });
    expect((await listRegistrationTokens(b.owner)).items).toEqual([]);
    await expect(revokeRegistrationToken(b.owner, t.id)).rejects.toThrow(NotFoundError);
  });
});

describe("registerGateway", () => {
  it("creates a registered gateway in the token's org with a working OpAMP token and an audit row", async () => {
    const { owner, org } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "t" });
    const reg = await registerGateway(
      database.db,
      t.token,
      body("gw-1", { ip_address: "192.168.1.100", metadata: { version: "1.0.0", otel_version: "0.88.0" } }),
    );
    expect(Object.keys(reg).sort()).toEqual([
      "created_at",
      "id",
      "instance_id",
      "name",
      "opamp_endpoint",
      "opamp_token",
      "org_id",
      "status",
    ]);
    expect(reg).toMatchObject({
      name: "gw gw-1",
      instance_id: "gw-1",
      org_id: org.id,
      status: "registered",
      opamp_endpoint: "wss://flowgate.example.com/api/v1/opamp/v1/opamp",
    });
    const g = await verifyOpampToken(database.db, reg.opamp_token);
    expect(g).toMatchObject({
      id: reg.id,
      orgId: org.id,
      hostname: "gw-1.local",
      ipAddress: "192.168.1.100",
      registrationTokenId: t.id,
      extraMetadata: { version: "1.0.0", otel_version: "0.88.0" },
    });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.targetId, reg.id));
    expect(audit).toMatchObject([{ action: "gateway.register", actor: `registration_token:${t.id}` }]);
  });

  it("defaults the name to the instance id and derives ws:// from an http public URL", async () => {
    const { owner } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "t" });
    process.env.FLOWGATE_PUBLIC_URL = "http://localhost:8000";
    try {
      const reg = await registerGateway(database.db, t.token, { instance_id: "only-id" });
      expect(reg).toMatchObject({ name: "only-id", opamp_endpoint: "ws://localhost:8000/api/v1/opamp/v1/opamp" });
    } finally {
      process.env.FLOWGATE_PUBLIC_URL = "https://flowgate.example.com/";
    }
  });

  it("re-registering an instance_id updates the record, revokes the old OpAMP token, and never duplicates", async () => {
    const { owner, org } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "fleet", max_uses: null });
    const first = await registerGateway(
      database.db,
      t.token,
      body("gw-1", { metadata: { version: "1.0.0", region: "eu" } }),
    );
    const again = await registerGateway(database.db, t.token, {
      instance_id: "gw-1",
      name: "renamed",
      metadata: { version: "1.1.0" },
    });
    expect(again).toMatchObject({ id: first.id, name: "renamed", created_at: first.created_at });
    await expect(verifyOpampToken(database.db, first.opamp_token)).rejects.toThrow("Invalid OpAMP token");
    const g = await verifyOpampToken(database.db, again.opamp_token);
    expect(g).toMatchObject({ hostname: "gw-1.local", extraMetadata: { version: "1.1.0", region: "eu" } });
    expect((await snapshot(org.id)).gateways).toBe(1);
    const actions = (await database.db.select().from(auditLog).where(eq(auditLog.targetId, first.id)))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["gateway.register", "gateway.reregister"]);
    // The same instance_id in another org is another gateway.
    const other = await makeOrg(database.db);
    const ot = await createRegistrationToken(other.owner, { name: "o" });
    expect((await registerGateway(database.db, ot.token, body("gw-1"))).id).not.toBe(first.id);
  });

  it("lets an unlimited token register many gateways until it is revoked", async () => {
    const { owner, org } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "replicas", max_uses: null });
    for (let i = 0; i < 5; i++) await registerGateway(database.db, t.token, body(`replica-${i}`));
    expect((await listRegistrationTokens(owner)).items[0]).toMatchObject({
      status: "active",
      use_count: 5,
      max_uses: null,
    });
    await revokeRegistrationToken(owner, t.id);
    await expect(registerGateway(database.db, t.token, body("replica-5"))).rejects.toThrow(INVALID);
    expect((await snapshot(org.id)).gateways).toBe(5);
  });

  it("lets exactly one of two concurrent registrations use a single-use token", async () => {
    const { owner, org } = await makeOrg(database.db);
    const t = await createRegistrationToken(owner, { name: "once" });
    const results = await Promise.allSettled([
      registerGateway(database.db, t.token, body("race-a")),
      registerGateway(database.db, t.token, body("race-b")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(UnauthorizedError);
    expect(rejected[0].reason.message).toBe(INVALID);
    const snap = await snapshot(org.id);
    expect(snap.gateways).toBe(1);
    expect(snap.tokens[0].useCount).toBe(1);
  });

  it("refuses malformed, unknown, expired, revoked and used-up tokens with the same 401, changing nothing", async () => {
    const { owner, org } = await makeOrg(database.db);
    const used = await createRegistrationToken(owner, { name: "used" });
    await registerGateway(database.db, used.token, body("first"));
    const expired = await createRegistrationToken(owner, { name: "expired" });
    await database.db
      .update(registrationTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(registrationTokens.id, expired.id));
    const revoked = await createRegistrationToken(owner, { name: "revoked" });
    await revokeRegistrationToken(owner, revoked.id);
    const before = await snapshot(org.id);
    const bad = [
      null,
      undefined,
      "",
      "nope",
      "x".repeat(64),
      used.token + "A",
      used.token.slice(1),
      expired.token,
      revoked.token,
      used.token,
      "fgk_" + "a".repeat(60),
    ];
    for (const token of bad) {
      const err = await registerGateway(database.db, token, body("second")).catch((e) => e);
      expect(err, String(token)).toBeInstanceOf(UnauthorizedError);
      expect(err.message).toBe(INVALID);
    }
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("checks the token before the body, and a bad body uses nothing up", async () => {
    const { owner, org } = await makeOrg(database.db);
    await expect(registerGateway(database.db, "bad", { instance_id: "" })).rejects.toThrow(INVALID);
    const t = await createRegistrationToken(owner, { name: "t" });
    const before = await snapshot(org.id);
    const bodies: unknown[] = [
      null,
      [],
      "text",
      {},
      { instance_id: "" },
      { instance_id: "has space" },
      { instance_id: "x".repeat(129) },
      { instance_id: 5 },
      { instance_id: "ok", ip_address: "999.1.1.1" },
      { instance_id: "ok", metadata: "v1" },
      { instance_id: "ok", name: "" },
    ];
    for (const b of bodies)
      await expect(registerGateway(database.db, t.token, b), JSON.stringify(b)).rejects.toThrow(InvalidInputError);
    await expect(
      registerGateway(database.db, t.token, async () => {
        throw new InvalidInputError("Request body is not valid JSON");
      }),
    ).rejects.toThrow("Request body is not valid JSON");
    expect(await snapshot(org.id)).toEqual(before);
    expect((await registerGateway(database.db, t.token, body("ok", { ip_address: "::1" }))).status).toBe("registered");
  });
});

describe("restartGatewayRegistration", () => {
  it("re-issues the OpAMP token with a token of the gateway's org, using one of its uses", async () => {
    const { owner, org } = await makeOrg(database.db);
    const t1 = await createRegistrationToken(owner, { name: "t1" });
    const reg = await registerGateway(database.db, t1.token, body("gw-r"));
    await expect(restartGatewayRegistration(database.db, t1.token, reg.id)).rejects.toThrow(INVALID); // t1 is used up
    const t2 = await createRegistrationToken(owner, { name: "t2" });
    const again = await restartGatewayRegistration(database.db, t2.token, reg.id, org.id);
    expect(again).toMatchObject({ id: reg.id, instance_id: "gw-r", org_id: org.id, status: "registered" });
    await expect(verifyOpampToken(database.db, reg.opamp_token)).rejects.toThrow(UnauthorizedError);
    expect((await verifyOpampToken(database.db, again.opamp_token)).id).toBe(reg.id);
    expect((await listRegistrationTokens(owner)).items.find((x) => x.id === t2.id)!.status).toBe("used_up");
  });

  it("is 404 for another org's gateway, an org_id that is not the token's, or a malformed id, using nothing", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    const ta = await createRegistrationToken(a.owner, { name: "a" });
    const reg = await registerGateway(database.db, ta.token, body("gw-a"));
    const tb = await createRegistrationToken(b.owner, { name: "b", max_uses: 3 });
    await expect(restartGatewayRegistration(database.db, tb.token, reg.id)).rejects.toThrow(NotFoundError);
    await expect(restartGatewayRegistration(database.db, tb.token, reg.id, a.org.id)).rejects.toThrow(
      "Gateway not found",
    );
    await expect(restartGatewayRegistration(database.db, tb.token, "not-a-uuid")).rejects.toThrow("Gateway not found");
    const ta2 = await createRegistrationToken(a.owner, { name: "a2" });
    await expect(restartGatewayRegistration(database.db, ta2.token, reg.id, b.org.id)).rejects.toThrow(
      "Gateway not found",
    );
    expect((await listRegistrationTokens(b.owner)).items[0].use_count).toBe(0);
    expect((await listRegistrationTokens(a.owner)).items.find((x) => x.id === ta2.id)!.use_count).toBe(0);
    expect((await verifyOpampToken(database.db, reg.opamp_token)).id).toBe(reg.id);
  });
});
