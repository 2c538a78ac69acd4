import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";
import { auditLog, deployments, gateways, templates, templateVersions } from "@/lib/db/schema";
import { AGENT_CHANNEL, type AgentEvent } from "@/lib/events/bus";
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createTemplate } from "@/lib/templates/create";
import { deleteTemplate, setBaseTemplate, updateTemplate } from "@/lib/templates/manage";
import {
  diffTemplateVersions,
  getTemplate,
  getTemplateVersion,
  listTemplates,
  listTemplateVersions,
} from "@/lib/templates/queries";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import type { Ctx } from "@/lib/auth/context";

export const CONFIG = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
exporters:
  otlp:
    endpoint: backend:4317
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlp]
`;
const CONFIG_V2 = CONFIG.replace("backend:4317", "backend-2:4317");

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const events: AgentEvent[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
  await database.listen(AGENT_CHANNEL, (p) => events.push(JSON.parse(p)));
});
afterAll(async () => {
  await database?.drop();
});

const rows = async (orgId: string) => ({
  templates: Number((await database.db.select({ n: count() }).from(templates).where(eq(templates.orgId, orgId)))[0].n),
  versions: Number(
    (await database.db.select({ n: count() }).from(templateVersions).where(eq(templateVersions.orgId, orgId)))[0].n,
  ),
  audit: Number((await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.orgId, orgId)))[0].n),
});

async function caught(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    return err as DomainError;
  }
  throw new Error("expected the call to fail");
}

/** Events are delivered on commit, asynchronously: wait until one matches or time out. */
async function nextEvent(match: (e: AgentEvent) => boolean, timeoutMs = 3000): Promise<AgentEvent> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const i = events.findIndex(match);
    if (i >= 0) return events.splice(i, 1)[0];
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no matching agent event");
}

async function addGateway(ctx: Ctx, name: string) {
  const [g] = await database.db
    .insert(gateways)
    .values({ orgId: ctx.orgId, instanceId: `${name}-${Date.now()}`, name })
    .returning();
  return g;
}

describe("creating templates", () => {
  it("creates version 1 with its SHA-256, an audit row, and lists it", async () => {
    const { operator, viewer } = await makeOrg(database.db);
    const t = await createTemplate(operator, {
      name: "edge",
      description: "edge gateways",
      content: CONFIG,
      message: "first",
    });
    expect(t).toMatchObject({
      name: "edge",
      description: "edge gateways",
      is_base: false,
      latest_version: 1,
      validation: { valid: true },
    });
    expect(t.version).toMatchObject({
      version: 1,
      message: "first",
      content_hash: createHash("sha256").update(CONFIG).digest("hex"),
    });
    expect(await getTemplate(viewer, t.id)).toMatchObject({ id: t.id, content: CONFIG, latest: { version: 1 } });
    expect(await listTemplates(viewer)).toMatchObject({ total: 1, page: 1, items: [{ id: t.id, latest_version: 1 }] });
    expect((await auditEntries(operator)).map((a) => [a.action, a.target_id])).toEqual([["template.create", t.id]]);
  });

  it("refuses invalid YAML and unknown components with the validation result, writing nothing", async () => {
    const { org, operator } = await makeOrg(database.db);
    const bad = await caught(createTemplate(operator, { name: "bad", content: "receivers:\n  otlp: [a\n" }));
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(bad.message).toBe("The config is invalid (1 error); nothing was saved");
    expect(bad.extra?.validation).toMatchObject({
      valid: false,
      errors: [{ line: 3, message: expect.stringMatching(/^YAML syntax error/) }],
    });
    const unknown = await caught(
      createTemplate(operator, {
        name: "bad",
        content: CONFIG.replace("exporters:\n  otlp:", "exporters:\n  kafka:\n  otlp:"),
      }),
    );
    expect((unknown.extra?.validation as { errors: { message: string; line: number }[] }).errors[0]).toMatchObject({
      message: expect.stringMatching(/^Unsupported exporter "kafka"/),
      line: 7,
    });
    expect(await rows(org.id)).toEqual({ templates: 0, versions: 0, audit: 0 });
  });

  it("refuses a duplicate name in the org with 409, but allows it in another org", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    await createTemplate(a.operator, { name: "dup", content: CONFIG });
    const err = await caught(createTemplate(a.operator, { name: "dup", content: CONFIG }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('A template named "dup" already exists');
    expect(await rows(a.org.id)).toEqual({ templates: 1, versions: 1, audit: 1 });
    await expect(createTemplate(b.operator, { name: "dup", content: CONFIG })).resolves.toMatchObject({ name: "dup" });
  });

  it("paginates and filters the list", async () => {
    const { viewer, operator } = await makeOrg(database.db);
    for (let i = 0; i < 5; i++) await createTemplate(operator, { name: `t-${i}`, content: CONFIG });
    const page2 = await listTemplates(viewer, { page: 2, limit: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(page2.items).toHaveLength(2);
    expect((await listTemplates(viewer, { q: "t-3" })).items.map((t) => t.name)).toEqual(["t-3"]);
    expect((await listTemplates(viewer, { q: "%" })).total).toBe(0);
  });
});

describe("versions", () => {
  it("saves immutable versions with an optimistic check (409 on a stale base)", async () => {
    const { org, operator, viewer } = await makeOrg(database.db);
    const t = await createTemplate(operator, { name: "v", content: CONFIG });
    const v2 = await saveTemplateVersion(operator, t.id, {
      content: CONFIG_V2,
      message: "new backend",
      base_version: 1,
    });
    expect(v2).toMatchObject({ version: 2, message: "new backend", content: CONFIG_V2 });
    const stale = await caught(
      saveTemplateVersion(operator, t.id, { content: CONFIG.replace("4317\n", "4318\n"), base_version: 1 }),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.message).toBe("Template was changed by someone else (now at version 2)");
    const same = await caught(saveTemplateVersion(operator, t.id, { content: CONFIG_V2, base_version: 2 }));
    expect(same.message).toBe("Nothing changed since version 2");
    const invalid = await caught(saveTemplateVersion(operator, t.id, { content: "service: {}\n", base_version: 2 }));
    expect(invalid).toBeInstanceOf(InvalidInputError);
    expect(await rows(org.id)).toEqual({ templates: 1, versions: 2, audit: 2 });
    expect((await getTemplateVersion(viewer, t.id, 1)).content).toBe(CONFIG);
    const versions = await listTemplateVersions(viewer, t.id);
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.items[0]).not.toHaveProperty("content");
    await expect(getTemplateVersion(viewer, t.id, 9)).rejects.toThrow("Template version 9 not found");
  });

  it("lets exactly one of two concurrent saves from the same base win", async () => {
    const { org, operator } = await makeOrg(database.db);
    const t = await createTemplate(operator, { name: "race", content: CONFIG });
    const results = await Promise.allSettled([
      saveTemplateVersion(operator, t.id, { content: CONFIG_V2, base_version: 1 }),
      saveTemplateVersion(operator, t.id, { content: CONFIG.replace("backend:", "other:"), base_version: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.message).toBe("Template was changed by someone else (now at version 2)");
    expect(await rows(org.id)).toMatchObject({ versions: 2 });
  });

  it("diffs two versions as a unified diff", async () => {
    const { operator, viewer } = await makeOrg(database.db);
    const t = await createTemplate(operator, { name: "d", content: CONFIG });
    await saveTemplateVersion(operator, t.id, { content: CONFIG_V2, base_version: 1 });
    const d = await diffTemplateVersions(viewer, t.id, 1, 2);
    expect(d).toMatchObject({ from: 1, to: 2, added: 1, removed: 1 });
    expect(d.diff).toContain("--- d@v1\n+++ d@v2\n@@ -5,7 +5,7 @@");
    expect(d.diff).toContain("-    endpoint: backend:4317\n+    endpoint: backend-2:4317\n");
    expect((await diffTemplateVersions(viewer, t.id, 2, 2)).diff).toBe("");
    await expect(diffTemplateVersions(viewer, t.id, 1, 3)).rejects.toThrow("Template version 3 not found");
  });
});

describe("base config, rename, delete", () => {
  it("keeps at most one base per org and tells the org's gateways", async () => {
    const { org, operator } = await makeOrg(database.db);
    const gw = await addGateway(operator, "gw-base");
    const a = await createTemplate(operator, { name: "a", content: CONFIG });
    const b = await createTemplate(operator, { name: "b", content: CONFIG });
    await setBaseTemplate(operator, a.id);
    expect(await nextEvent((e) => e.type === "config" && e.gatewayIds.includes(gw.id))).toEqual({
      type: "config",
      gatewayIds: [gw.id],
    });
    await Promise.all([setBaseTemplate(operator, b.id), setBaseTemplate(operator, a.id)]);
    const bases = await database.db.select({ id: templates.id }).from(templates).where(eq(templates.orgId, org.id));
    const flags = await database.db
      .select({ isBase: templates.isBase })
      .from(templates)
      .where(eq(templates.orgId, org.id));
    expect(bases).toHaveLength(2);
    expect(flags.filter((f) => f.isBase)).toHaveLength(1);
    const actions = (await auditEntries(operator)).map((x) => x.action);
    expect(actions.filter((x) => x === "template.set_base").length).toBeGreaterThanOrEqual(2);
  });

  it("re-sends the base config when a new version of the base template is saved, not for other templates", async () => {
    const { operator } = await makeOrg(database.db);
    const gw = await addGateway(operator, "gw-v");
    const base = await createTemplate(operator, { name: "base", content: CONFIG });
    const other = await createTemplate(operator, { name: "other", content: CONFIG });
    await setBaseTemplate(operator, base.id);
    await nextEvent((e) => e.type === "config" && e.gatewayIds.includes(gw.id));
    await saveTemplateVersion(operator, other.id, { content: CONFIG_V2, base_version: 1 });
    await saveTemplateVersion(operator, base.id, { content: CONFIG_V2, base_version: 1 });
    await nextEvent((e) => e.type === "config" && e.gatewayIds.includes(gw.id));
    await new Promise((r) => setTimeout(r, 200));
    expect(events.filter((e) => e.type === "config" && e.gatewayIds.includes(gw.id))).toHaveLength(0);
  });

  it("renames, and refuses a name taken in the org", async () => {
    const { operator } = await makeOrg(database.db);
    const a = await createTemplate(operator, { name: "one", content: CONFIG });
    await createTemplate(operator, { name: "two", content: CONFIG });
    expect(await updateTemplate(operator, a.id, { name: "uno", description: "renamed" })).toMatchObject({
      name: "uno",
      description: "renamed",
    });
    await expect(updateTemplate(operator, a.id, { name: "two" })).rejects.toThrow(
      'A template named "two" already exists',
    );
  });

  it("deletes a template with its versions, but not while a deployment references it", async () => {
    const { org, operator } = await makeOrg(database.db);
    const used = await createTemplate(operator, { name: "used", content: CONFIG });
    const free = await createTemplate(operator, { name: "free", content: CONFIG });
    await database.db.insert(deployments).values({
      orgId: org.id,
      name: "dep",
      templateId: used.id,
      templateVersionId: used.version.id,
      target: { gateway_ids: [] },
      strategy: { type: "all_at_once" },
    });
    const err = await caught(deleteTemplate(operator, used.id));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe("Template is used by 1 deployment and cannot be deleted");
    await deleteTemplate(operator, free.id);
    expect(await rows(org.id)).toMatchObject({ templates: 1, versions: 1 });
    expect((await auditEntries(operator))[0]).toMatchObject({ action: "template.delete", target_id: free.id });
  });
});

describe("isolation and roles", () => {
  it("answers 404 for another org's template on every verb", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    const t = await createTemplate(a.operator, { name: "mine", content: CONFIG });
    const calls = [
      () => getTemplate(b.owner, t.id),
      () => listTemplateVersions(b.owner, t.id),
      () => getTemplateVersion(b.owner, t.id, 1),
      () => diffTemplateVersions(b.owner, t.id, 1, 1),
      () => saveTemplateVersion(b.owner, t.id, { content: CONFIG_V2, base_version: 1 }),
      () => updateTemplate(b.owner, t.id, { name: "x" }),
      () => setBaseTemplate(b.owner, t.id),
      () => deleteTemplate(b.owner, t.id),
      () => getTemplate(b.owner, "not-a-uuid"),
    ];
    for (const call of calls) {
      const err = await caught(call());
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err.message).toBe("Template not found");
    }
    expect(await rows(b.org.id)).toEqual({ templates: 0, versions: 0, audit: 0 });
    expect((await getTemplate(a.viewer, t.id)).latest_version).toBe(1);
  });

  it("refuses viewers on every write, writing nothing", async () => {
    const { org, operator, viewer } = await makeOrg(database.db);
    const t = await createTemplate(operator, { name: "ro", content: CONFIG });
    const before = await rows(org.id);
    for (const call of [
      () => createTemplate(viewer, { name: "x", content: CONFIG }),
      () => saveTemplateVersion(viewer, t.id, { content: CONFIG_V2, base_version: 1 }),
      () => updateTemplate(viewer, t.id, { name: "x" }),
      () => setBaseTemplate(viewer, t.id),
      () => deleteTemplate(viewer, t.id),
    ]) {
      const err = await caught(call());
      expect(err).toBeInstanceOf(ForbiddenError);
      expect(err.message).toBe("This action requires the operator role or higher (you are viewer)");
    }
    expect(await rows(org.id)).toEqual(before);
  });
});
