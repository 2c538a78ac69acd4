import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { deployments, gateways, templates, templateVersions } from "@/lib/db/schema";
import { listGateways, healthSqlCondition } from "@/lib/gateways/queries";
import { setGatewayTags, addAgentTags } from "@/lib/gateways/tags";
import { computeHealth } from "@/lib/gateways/health";
import { HEALTH_STATUSES } from "@/lib/gateways/schemas";
import { InvalidInputError } from "@/lib/errors";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("health filter in SQL", () => {
  it("classifies every row exactly as computeHealth does, at each boundary", async () => {
    const { org } = await makeOrg(database.db);
    const now = new Date();
    const ages = [
      null,
      0,
      59_999,
      60_000,
      60_999,
      61_000,
      61_001,
      299_999,
      300_999,
      301_000,
      301_001,
      3_600_000,
      -5_000,
    ];
    const rows = ["registered", "active", "inactive", "error"].flatMap((status) =>
      ages.map((age, i) => ({
        orgId: org.id,
        instanceId: `${status}-${i}`,
        name: `${status}-${i}`,
        status: status as "active",
        lastSeen: age === null ? null : new Date(now.getTime() - age),
        activeSince: status === "active" ? new Date(now.getTime() - 7_200_000) : null,
      })),
    );
    await database.db.insert(gateways).values(rows);
    const all = await database.db.select().from(gateways).where(eq(gateways.orgId, org.id));
    for (const health of HEALTH_STATUSES) {
      const matched = await database.db
        .select({ id: gateways.id })
        .from(gateways)
        .where(and(eq(gateways.orgId, org.id), healthSqlCondition(health, now)));
      const expected = all
        .filter((g) => computeHealth(g, now).status === health)
        .map((g) => g.id)
        .sort();
      expect(matched.map((m) => m.id).sort(), health).toEqual(expected);
    }
  });
});

describe("listGateways", () => {
  let ctx: Awaited<ReturnType<typeof makeOrg>>;
  const N = 10_000;

  beforeAll(async () => {
    ctx = await makeOrg(database.db, "fleet");
    // Ages far from the 60 s / 300 s boundaries, so the seconds this test takes cannot move a gateway across one.
    await database.db.execute(sql`
      insert into gateways (org_id, instance_id, name, hostname, status, last_seen, active_since, created_at)
      select ${ctx.org.id}::uuid, 'gw-' || lpad(i::text, 5, '0'), 'Gateway ' || lpad(i::text, 5, '0'), 'host-' || i || '.example.net',
        (array['active','active','active','registered','inactive','error'])[1 + i % 6]::gateway_status,
        case when i % 10 = 9 then null else now() - ((array[5, 20, 120, 200, 1000])[1 + i % 5] || ' seconds')::interval end,
        now() - interval '1 day',
        now() - (i || ' seconds')::interval
      from generate_series(1, ${N}) as i`);
    const other = await makeOrg(database.db, "other");
    await database.db
      .insert(gateways)
      .values({ orgId: other.org.id, instanceId: "gw-00001", name: "Gateway 00001 elsewhere" });
  }, 120_000);

  it("pages through everything with a stable total", async () => {
    const first = await listGateways(ctx.viewer, { limit: 200 });
    expect(first.total).toBe(N);
    expect(first.items).toHaveLength(200);
    expect(first.items[0].name).toBe("Gateway 00001");
    const last = await listGateways(ctx.viewer, { limit: 200, page: 50 });
    expect(last.items.at(-1)!.name).toBe("Gateway 10000");
    const beyond = await listGateways(ctx.viewer, { limit: 200, page: 51 });
    expect(beyond).toMatchObject({ items: [], total: N, page: 51, limit: 200 });
    const defaults = await listGateways(ctx.viewer);
    expect(defaults).toMatchObject({ page: 1, limit: 50 });
    expect(defaults.items[0]).toMatchObject({
      instance_id: "gw-00001",
      hostname: "host-1.example.net",
      connection_state: "disconnected",
      transport: null,
      tags: [],
      agent_version: null,
      health: { status: expect.any(String), health_score: expect.any(Number) },
    });
  });

  it("filters by status and health in SQL, matching computeHealth", async () => {
    const all = await database.db.select().from(gateways).where(eq(gateways.orgId, ctx.org.id));
    const now = new Date();
    for (const health of HEALTH_STATUSES) {
      const page = await listGateways(ctx.viewer, { health, sort: "last_seen", order: "desc", limit: 20 });
      expect(page.total, health).toBe(all.filter((g) => computeHealth(g, now).status === health).length);
      expect(page.items.every((i) => i.health.status === health)).toBe(true);
    }
    const active = await listGateways(ctx.viewer, { status: "active", health: "healthy" });
    expect(active.total).toBe(
      all.filter((g) => g.status === "active" && computeHealth(g, now).status === "healthy").length,
    );
  });

  it("searches name, instance_id and hostname case-insensitively, treating % and _ literally", async () => {
    expect((await listGateways(ctx.viewer, { q: "gateway 0999" })).total).toBe(10); // 09990..09999
    expect((await listGateways(ctx.viewer, { q: "GW-10000" })).items.map((i) => i.name)).toEqual(["Gateway 10000"]);
    expect((await listGateways(ctx.viewer, { q: "host-42.example" })).total).toBe(1);
    expect((await listGateways(ctx.viewer, { q: "%" })).total).toBe(0);
    expect((await listGateways(ctx.viewer, { q: "gw_0" })).total).toBe(0);
  });

  it("sorts by each column in both directions", async () => {
    const byName = await listGateways(ctx.viewer, { sort: "name", order: "desc", limit: 2 });
    expect(byName.items.map((i) => i.name)).toEqual(["Gateway 10000", "Gateway 09999"]);
    const byCreated = await listGateways(ctx.viewer, { sort: "created_at", order: "asc", limit: 1 });
    expect(byCreated.items[0].name).toBe("Gateway 10000"); // created N seconds ago
    const byInstance = await listGateways(ctx.viewer, { sort: "instance_id", order: "asc", limit: 1 });
    expect(byInstance.items[0].instance_id).toBe("gw-00001");
    const byStatus = await listGateways(ctx.viewer, { sort: "status", order: "asc", limit: 1 });
    expect(byStatus.items[0].status).toBe("registered"); // enum order: registered, active, inactive, error
    const bySeen = await listGateways(ctx.viewer, { sort: "last_seen", order: "desc", limit: 200, page: 50 });
    expect(bySeen.items.at(-1)!.last_seen).toBeNull(); // never-seen gateways last in either direction
    const bySeenAsc = await listGateways(ctx.viewer, { sort: "last_seen", order: "asc", limit: 1 });
    expect(bySeenAsc.items[0].last_seen).not.toBeNull();
  });

  it("filters by tag key=value and by key, several at once", async () => {
    const page = await listGateways(ctx.viewer, { q: "Gateway 0000", limit: 9 });
    const ids = page.items.map((i) => i.id);
    await addAgentTags(ctx.operator, { gateway_ids: ids, tags: { env: "prod" } });
    await setGatewayTags(ctx.operator, ids[0], { tags: { env: "dev", region: "eu" } });
    expect((await listGateways(ctx.viewer, { tag: "env=prod" })).total).toBe(8);
    expect((await listGateways(ctx.viewer, { tag: "env" })).total).toBe(9);
    expect((await listGateways(ctx.viewer, { tag: "env=dev,region=eu" })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await listGateways(ctx.viewer, { tag: "region=us" })).total).toBe(0);
    const tagged = await listGateways(ctx.viewer, { tag: "region" });
    expect(tagged.items[0].tags).toEqual([
      { key: "env", value: "dev" },
      { key: "region", value: "eu" },
    ]);
  });

  it("sorts and filters on the config columns over 10,000 gateways that two deployments reached", async () => {
    const [tpl] = await database.db.insert(templates).values({ orgId: ctx.org.id, name: "fleet-config" }).returning();
    const [v1, v2] = await database.db
      .insert(templateVersions)
      .values(
        [1, 2].map((version) => ({
          templateId: tpl.id,
          orgId: ctx.org.id,
          version,
          content: "x",
          contentHash: `h${version}`,
        })),
      )
      .returning();
    // v1 reached everyone and was applied; v2 is rolling out to every other gateway: half applied, half pending.
    const deployment = async (name: string, versionId: string, status: "completed" | "in_progress", minutes: number) =>
      (
        await database.db
          .insert(deployments)
          .values({
            orgId: ctx.org.id,
            name,
            templateId: tpl.id,
            templateVersionId: versionId,
            target: {},
            strategy: { type: "all_at_once" },
            status,
            createdAt: new Date(Date.now() - minutes * 60_000),
          })
          .returning()
      )[0].id;
    const d1 = await deployment("first", v1.id, "completed", 10);
    const d2 = await deployment("second", v2.id, "in_progress", 1);
    await database.db.execute(sql`
      insert into deployment_gateways (deployment_id, gateway_id, org_id, status, released_at)
      select ${d1}::uuid, id, org_id, 'applied', now() from gateways where org_id = ${ctx.org.id}::uuid`);
    await database.db.execute(sql`
      insert into deployment_gateways (deployment_id, gateway_id, org_id, status, released_at)
      select ${d2}::uuid, id, org_id,
        (case when right(instance_id, 1) in ('0','2','4','6','8') then 'applied' else 'pending' end)::gateway_rollout_status,
        case when right(instance_id, 1) in ('0','2','4','6','8') then now() end
      from gateways where org_id = ${ctx.org.id}::uuid and right(instance_id, 1) in ('0','2','4','6','8','1','3')`);
    // gw-…0/2/4/6/8 run v2 (released); gw-…1/3 wait for it (pending, unreleased: still v1); the rest only had v1.
    const timed = async (query: Parameters<typeof listGateways>[1]) => {
      const t0 = performance.now();
      const page = await listGateways(ctx.viewer, query);
      return { page, ms: performance.now() - t0 };
    };
    const pending = await timed({ rollout_state: "pending", limit: 200 });
    expect(pending.page.total).toBe(2_000);
    const byConfig = await timed({ sort: "current_config", order: "desc", limit: 200 });
    expect(byConfig.page.items[0].current_config).toMatchObject({ version: 2, deployment_name: "second" });
    const byConfigAsc = await timed({ sort: "current_config", limit: 1 });
    expect(byConfigAsc.page.items[0]).toMatchObject({
      current_config: { version: 1, deployment_id: d1 },
      rollout: { state: expect.stringMatching(/^(applied|pending)$/) },
    });
    const byTemplate = await timed({
      template_id: tpl.id,
      rollout_state: "applied",
      sort: "rollout_state",
      limit: 200,
    });
    expect(byTemplate.page.total).toBe(N - 2_000);
    expect((await listGateways(ctx.viewer, { rollout_state: "none" })).total).toBe(0);
    // The figures for docs/api/gateways.md; a bound loose enough for a loaded CI machine.
    console.log("config columns at 10,000 gateways (ms):", {
      pending: Math.round(pending.ms),
      sortByConfig: Math.round(byConfig.ms),
      templateAndState: Math.round(byTemplate.ms),
    });
    for (const t of [pending, byConfig, byTemplate]) expect(t.ms).toBeLessThan(15_000);
  });

  it("refuses bad query values with 400", async () => {
    await expect(listGateways(ctx.viewer, { health: "great" as never })).rejects.toThrow(InvalidInputError);
    await expect(listGateways(ctx.viewer, { limit: 500 })).rejects.toThrow(InvalidInputError);
    await expect(listGateways(ctx.viewer, { tag: "a b" as never })).rejects.toThrow(/Invalid tag filter/);
  });
});
