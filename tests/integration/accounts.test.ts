import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";
import { createOrg } from "@/lib/orgs/create";
import { createUser } from "@/lib/users/create";
import { createApiKey } from "@/lib/api-keys/create";
import { revokeApiKey } from "@/lib/api-keys/revoke";
import { listApiKeys, verifyApiKey } from "@/lib/api-keys/queries";
import { memberships, userIdentities, users } from "@/lib/db/schema";
import { emailVerifiedClaim, resolveOidcUser, type OidcClaims } from "@/lib/auth/oidc";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("organizations and users", () => {
  it("refuses a duplicate organization with 409", async () => {
    await createOrg(database.db, { name: "acme" });
    await expect(createOrg(database.db, { name: "acme" })).rejects.toThrow(ConflictError);
  });

  it("creates a user with a membership, and a duplicate leaves nothing half-written", async () => {
    const { org } = await makeOrg(database.db);
    const u = await createUser(database.db, {
      email: "Ops@Example.com",
      password: "long-enough",
      org: org.name,
      role: "operator",
    });
    expect(u).toMatchObject({ email: "ops@example.com", role: "operator", org_id: org.id });
    const before = await database.db.select({ n: count() }).from(memberships);
    await expect(
      createUser(database.db, { email: "ops@example.com", password: "long-enough", org: org.name, role: "viewer" }),
    ).rejects.toThrow(ConflictError);
    expect(await database.db.select({ n: count() }).from(memberships)).toEqual(before);
    const [stored] = await database.db.select().from(users).where(eq(users.email, "ops@example.com"));
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
  });

  it("reports an unknown org and bad input clearly", async () => {
    await expect(
      createUser(database.db, { email: "a@b.co", password: "long-enough", org: "nope", role: "viewer" }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      createUser(database.db, { email: "not-an-email", password: "long-enough", org: "acme", role: "viewer" }),
    ).rejects.toThrow(InvalidInputError);
    await expect(
      createUser(database.db, { email: "a@b.co", password: "short", org: "acme", role: "viewer" }),
    ).rejects.toThrow(/at least 8/);
  });
});

describe("API keys", () => {
  it("stores only a hash, verifies the key, and stops verifying it once revoked", async () => {
    const { owner } = await makeOrg(database.db);
    const created = await createApiKey(owner, { name: "ci", role: "admin" });
    expect(created.key).toMatch(/^fgk_[A-Za-z0-9_-]{43}$/);
    const listed = await listApiKeys(owner);
    expect(listed).toMatchObject({ total: 1, page: 1, limit: 50 });
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(await verifyApiKey(database.db, created.key)).toMatchObject({ orgId: owner.orgId, role: "admin" });
    await revokeApiKey(owner, created.id);
    expect(await verifyApiKey(database.db, created.key)).toBeNull();
    await expect(revokeApiKey(owner, created.id)).rejects.toThrow(NotFoundError);
    const audit = await auditEntries(owner);
    expect(audit.map((a) => a.action)).toEqual(["api_key.revoke", "api_key.create"]);
  });

  it("refuses viewers and operators, and keys above the creator's role", async () => {
    const { viewer, operator, owner } = await makeOrg(database.db);
    await expect(createApiKey(viewer, { name: "x", role: "viewer" })).rejects.toThrow(ForbiddenError);
    await expect(createApiKey(operator, { name: "x", role: "viewer" })).rejects.toThrow(ForbiddenError);
    await expect(createApiKey({ ...owner, role: "admin" }, { name: "x", role: "owner" })).rejects.toThrow(
      /above your own/,
    );
    expect((await listApiKeys(owner)).items).toHaveLength(0);
  });

  it("never shows one org's keys to another", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    const key = await createApiKey(a.owner, { name: "a-key", role: "viewer" });
    expect((await listApiKeys(b.owner)).items).toHaveLength(0);
    await expect(revokeApiKey(b.owner, key.id)).rejects.toThrow(NotFoundError);
  });
});

describe("OIDC sign-in", () => {
  const claims = (over: Partial<OidcClaims> = {}): OidcClaims => ({
    issuer: "https://idp.example",
    subject: `sub-${Math.random()}`,
    email: `person-${Math.random()}@example.com`,
    name: "Person",
    emailVerified: false,
    ...over,
  });

  it("links an existing account by e-mail only when the provider says the e-mail is verified", async () => {
    const { org } = await makeOrg(database.db);
    const email = `victim-${Date.now()}@example.com`;
    const victim = await createUser(database.db, { email, password: "long-enough", org: org.name, role: "owner" });
    await expect(
      resolveOidcUser(database.db, claims({ email: email.toUpperCase(), subject: "attacker" })),
    ).rejects.toThrow(ForbiddenError);
    expect(await database.db.select().from(userIdentities).where(eq(userIdentities.userId, victim.id))).toEqual([]);

    const linked = await resolveOidcUser(database.db, claims({ email, subject: "owner-sub", emailVerified: true }));
    expect(linked).toBe(victim.id);
    // Once linked, the identity is found by issuer + subject, whatever the provider says about the e-mail later.
    expect(await resolveOidcUser(database.db, claims({ email, subject: "owner-sub" }))).toBe(victim.id);
    // Another issuer's identical subject is another identity.
    await expect(
      resolveOidcUser(database.db, claims({ email, subject: "owner-sub", issuer: "https://other.example" })),
    ).rejects.toThrow(/not verified/);
  });

  it("provisions a new e-mail as a user, and the same identity signs in to it again", async () => {
    const first = claims({ emailVerified: false });
    const id = await resolveOidcUser(database.db, first);
    const [user] = await database.db.select().from(users).where(eq(users.id, id));
    expect(user).toMatchObject({ email: first.email, passwordHash: null });
    expect(await resolveOidcUser(database.db, first)).toBe(id);
  });

  it("reads email_verified as providers send it", () => {
    expect(emailVerifiedClaim.parse(true)).toBe(true);
    expect(emailVerifiedClaim.parse("true")).toBe(true);
    for (const v of [false, "false", undefined, null, 1, "yes"]) expect(emailVerifiedClaim.parse(v)).toBe(false);
  });
});
