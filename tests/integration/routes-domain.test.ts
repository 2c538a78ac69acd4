import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { auditLog, clusterBindings, gatewayRoutes, gateways } from "@/lib/db/schema";
import type { Db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { registerRoute } from "@/lib/ingress-routes/register";
import { syncIngresses } from "@/lib/ingress-routes/sync";
import { unregisterRoute } from "@/lib/ingress-routes/unregister";
import { releaseCluster } from "@/lib/ingress-routes/binding";
import { listClusterRoutes, listRouteClusters, listRoutes } from "@/lib/ingress-routes/queries";
import type { RoutesCtx } from "@/lib/ingress-routes/store";
import type { RegisterRouteInput, SyncIngressesInput } from "@/lib/ingress-routes/schemas";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database?.drop();
});

let n = 0;
/** An org with a gateway (the agent) and the contexts the route handlers would build for it. */
async function setup() {
  const o = await makeOrg(db, "routes");
  const [gw] = await db
    .insert(gateways)
    .values({ orgId: o.org.id, instanceId: `gw-${n++}`, name: "gw" })
    .returning();
  const [gw2] = await db
    .insert(gateways)
    .values({ orgId: o.org.id, instanceId: `gw-${n++}`, name: "gw2" })
    .returning();
  const agent = (g: { id: string }): RoutesCtx => ({
    db,
    orgId: o.org.id,
    role: "operator",
    actor: `gateway:${g.id}`,
    gatewayId: g.id,
  });
  return { ...o, gw, gw2, agentA: agent(gw), agentB: agent(gw2) };
}

const route = (over: Partial<RegisterRouteInput> = {}): RegisterRouteInput => ({
  hostname: "app.example.com",
  cluster_uuid: "cluster-a",
  namespace: "default",
  service_name: "my-app",
  service_port: 8080,
  ingress_name: "my-app-ingress",
  path: "/",
  path_type: "Prefix",
  tls: true,
  annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" },
  public_endpoint: "203.0.113.45:80",
  routing_mode: "direct",
  ...over,
});
const ing = (name: string, host: string, paths = ["/"], port = 80) => ({
  namespace: "default",
  ingress_name: name,
  annotations: {},
  rules: [
    {
      host,
      tls: true,
      paths: paths.map((p) => ({ path: p, path_type: "Prefix" as const, service_name: name, service_port: port })),
    },
  ],
});
const sync = (cluster: string, ingresses: ReturnType<typeof ing>[]): SyncIngressesInput => ({
  cluster_uuid: cluster,
  routing_mode: "tunnel",
  public_endpoint: "",
  ingresses,
});
const hosts = async (orgId: string, cluster?: string) =>
  (
    await db
      .select()
      .from(gatewayRoutes)
      .where(and(eq(gatewayRoutes.orgId, orgId), cluster ? eq(gatewayRoutes.clusterUuid, cluster) : undefined))
  )
    .map((r) => `${r.hostname}${r.path}`)
    .sort();
const routesMeta = async (id: string) =>
  (await db.select().from(gateways).where(eq(gateways.id, id)))[0].extraMetadata.routes as Record<string, unknown>;

describe("registerRoute", () => {
  it("is an idempotent upsert: the same request twice leaves one route", async () => {
    const { agentA, org, gw } = await setup();
    const first = await registerRoute(agentA, route());
    expect(first.result).toBe("created");
    expect(first.route).toMatchObject({
      hostname: "app.example.com",
      cluster_uuid: "cluster-a",
      gateway_id: gw.id,
      routing_mode: "direct",
    });
    const again = await registerRoute(
      agentA,
      route({ hostname: "APP.example.com", annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" } }),
    );
    expect(again).toMatchObject({
      result: "unchanged",
      route: { id: first.route.id, updated_at: first.route.updated_at },
    });
    const changed = await registerRoute(agentA, route({ service_port: 9090 }));
    expect(changed).toMatchObject({ result: "updated", route: { id: first.route.id, service_port: 9090 } });
    expect(await hosts(org.id)).toEqual(["app.example.com/"]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["route.register", "route.update"]);
  });

  it("keeps one route per path of a hostname, and writes the cluster's state to the gateway", async () => {
    const { agentA, org, gw } = await setup();
    await registerRoute(agentA, route());
    await registerRoute(agentA, route({ path: "/api", path_type: "Exact" }));
    expect(await hosts(org.id)).toEqual(["app.example.com/", "app.example.com/api"]);
    expect(await routesMeta(gw.id)).toMatchObject({
      cluster_uuid: "cluster-a",
      route_count: 2,
      routing_mode: "direct",
      public_endpoint: "203.0.113.45:80",
    });
    expect(Date.parse((await routesMeta(gw.id)).last_sync_at as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a hostname claimed by another cluster of the org with 409 naming it", async () => {
    const { agentA, agentB, org } = await setup();
    await registerRoute(agentA, route());
    const err = await registerRoute(agentB, route({ cluster_uuid: "cluster-b", path: "/other" })).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      'Hostname "app.example.com" is already registered by cluster "cluster-a" in this organization; unregister it there first',
    );
    expect(err.extra).toEqual({ conflicts: [{ hostname: "app.example.com", cluster_uuid: "cluster-a" }] });
    expect(await hosts(org.id, "cluster-b")).toEqual([]);
  });

  it("refuses viewers and bad input, writing nothing", async () => {
    const { viewer, operator, org } = await setup();
    await expect(registerRoute(viewer, route())).rejects.toThrow(ForbiddenError);
    await expect(registerRoute(operator, route({ service_port: 0 }))).rejects.toThrow(InvalidInputError);
    expect(await hosts(org.id)).toEqual([]);
    // An operator (API key or user) may write; the route then has no reporting gateway.
    expect((await registerRoute(operator, route())).route.gateway_id).toBeNull();
  });
});

describe("syncIngresses", () => {
  it("makes the cluster's routes exactly the request's set, leaving other clusters alone", async () => {
    const { agentA, agentB, org, gw } = await setup();
    await registerRoute(agentB, route({ hostname: "other.example.com", cluster_uuid: "cluster-b" }));
    const first = await syncIngresses(
      agentA,
      sync("cluster-a", [
        ing("a", "a.example.com", ["/", "/api"]),
        ing("b", "b.example.com"),
        ing("c", "c.example.com"),
      ]),
    );
    expect(first).toMatchObject({ route_count: 4, created: 4, updated: 0, removed: 0, unchanged: 0 });
    const second = await syncIngresses(
      agentA,
      sync("cluster-a", [
        ing("a", "a.example.com", ["/"]),
        ing("b", "b.example.com", ["/"], 8080),
        ing("d", "d.example.com"),
      ]),
    );
    expect(second).toMatchObject({ route_count: 3, created: 1, updated: 1, removed: 2, unchanged: 1 });
    expect(await hosts(org.id, "cluster-a")).toEqual(["a.example.com/", "b.example.com/", "d.example.com/"]);
    expect(await hosts(org.id, "cluster-b")).toEqual(["other.example.com/"]);
    expect(await routesMeta(gw.id)).toMatchObject({
      cluster_uuid: "cluster-a",
      route_count: 3,
      routing_mode: "tunnel",
      public_endpoint: null,
    });
    const repeat = await syncIngresses(
      agentA,
      sync("cluster-a", [
        ing("a", "a.example.com", ["/"]),
        ing("b", "b.example.com", ["/"], 8080),
        ing("d", "d.example.com"),
      ]),
    );
    expect(repeat).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: 3 });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "route.sync")));
    expect(audits).toHaveLength(2);
    const empty = await syncIngresses(agentA, { cluster_uuid: "cluster-a", routing_mode: "tunnel", ingresses: null });
    expect(empty).toMatchObject({ route_count: 0, removed: 3 });
  });

  it("fails whole with 409 when any hostname belongs to another cluster, changing nothing", async () => {
    const { agentA, agentB, org } = await setup();
    await syncIngresses(agentA, sync("cluster-a", [ing("a", "a.example.com"), ing("stale", "stale.example.com")]));
    await registerRoute(agentB, route({ hostname: "taken.example.com", cluster_uuid: "cluster-b" }));
    const err = await syncIngresses(
      agentA,
      sync("cluster-a", [ing("a", "a.example.com", ["/new"]), ing("t", "taken.example.com")]),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain('"taken.example.com" is already registered by cluster "cluster-b"');
    expect(await hosts(org.id, "cluster-a")).toEqual(["a.example.com/", "stale.example.com/"]);
    expect(await hosts(org.id, "cluster-b")).toEqual(["taken.example.com/"]);
  });

  it("refuses viewers", async () => {
    const { viewer } = await setup();
    await expect(syncIngresses(viewer, sync("cluster-a", []))).rejects.toThrow(ForbiddenError);
  });
});

describe("unregisterRoute", () => {
  it("removes every path of a hostname in the caller's clusters; 404 otherwise", async () => {
    const { agentA, agentB, org, gw, owner } = await setup();
    await registerRoute(agentA, route());
    await registerRoute(agentA, route({ path: "/api" }));
    await registerRoute(agentA, route({ hostname: "keep.example.com" }));
    // Gateway B reports another cluster: cluster-a's hostname is not its to remove.
    await registerRoute(agentB, route({ hostname: "b.example.com", cluster_uuid: "cluster-b" }));
    const refused = await unregisterRoute(agentB, { hostname: "app.example.com" }).catch((e) => e);
    expect(refused).toBeInstanceOf(NotFoundError);
    expect(refused.message).toBe(`No route for hostname "app.example.com" is registered in this gateway's clusters`);
    expect(await unregisterRoute(agentA, { hostname: "App.Example.com" })).toEqual({
      hostname: "app.example.com",
      removed: 2,
      cluster_uuids: ["cluster-a"],
    });
    expect(await hosts(org.id)).toEqual(["b.example.com/", "keep.example.com/"]);
    expect(await routesMeta(gw.id)).toMatchObject({ route_count: 1, routing_mode: "direct" });
    await expect(unregisterRoute(agentA, { hostname: "app.example.com" })).rejects.toThrow(NotFoundError);
    // An org member may unregister anywhere in the org.
    expect((await unregisterRoute(owner, { hostname: "b.example.com" })).removed).toBe(1);
  });

  it("refuses viewers", async () => {
    const { agentA, viewer } = await setup();
    await registerRoute(agentA, route());
    await expect(unregisterRoute(viewer, { hostname: "app.example.com" })).rejects.toThrow(ForbiddenError);
  });
});

describe("isolation between organizations and queries", () => {
  it("another org may use the same hostname, and never sees or touches this org's routes", async () => {
    const one = await setup();
    const two = await setup();
    await registerRoute(one.agentA, route());
    expect((await registerRoute(two.agentA, route({ cluster_uuid: "cluster-b" }))).result).toBe("created");
    await syncIngresses(two.agentA, sync("cluster-a", []));
    expect(await hosts(one.org.id)).toEqual(["app.example.com/"]);
    expect((await listRoutes(two.viewer)).items.map((r) => r.cluster_uuid)).toEqual(["cluster-b"]);
    expect((await listClusterRoutes(two.viewer, "cluster-a")).routes).toEqual([]);
    await unregisterRoute(two.owner, { hostname: "app.example.com" });
    expect(await hosts(one.org.id)).toEqual(["app.example.com/"]);
  });

  it("lists with search, filters and pagination (with the total)", async () => {
    const { agentA, agentB, viewer } = await setup();
    await syncIngresses(
      agentA,
      sync(
        "cluster-a",
        Array.from({ length: 12 }, (_, i) => ing(`web-${i}`, `web${String(i).padStart(2, "0")}.example.com`)),
      ),
    );
    await registerRoute(
      agentB,
      route({ hostname: "shop_x.example.com".replace("_", "-"), cluster_uuid: "cluster-b", service_name: "shop" }),
    );
    const page2 = await listRoutes(viewer, { cluster_uuid: "cluster-a", page: 2, limit: 5 });
    expect(page2).toMatchObject({ total: 12, page: 2, limit: 5 });
    expect(page2.items.map((r) => r.hostname)).toEqual([
      "web05.example.com",
      "web06.example.com",
      "web07.example.com",
      "web08.example.com",
      "web09.example.com",
    ]);
    expect((await listRoutes(viewer, { q: "SHOP" })).items.map((r) => r.hostname)).toEqual(["shop-x.example.com"]);
    expect((await listRoutes(viewer, { q: "web-1" })).total).toBe(3); // ingress names web-1, web-10, web-11
    expect((await listRoutes(viewer, { q: "%" })).total).toBe(0);
    expect((await listRoutes(viewer, { routing_mode: "direct" })).total).toBe(1);
    expect(await listRouteClusters(viewer)).toEqual([
      { cluster_uuid: "cluster-a", route_count: 12 },
      { cluster_uuid: "cluster-b", route_count: 1 },
    ]);
    await expect(listRoutes(viewer, { limit: 500 })).rejects.toThrow("limit: must be at most 200");
  });
});

describe("concurrent writers", () => {
  it("two clusters racing for one hostname on different paths: exactly one wins each time", async () => {
    const { agentA, agentB, org } = await setup();
    const races = Array.from({ length: 20 }, (_, i) => `race${i}.example.com`);
    const results = await Promise.allSettled(
      races.flatMap((hostname) => [
        registerRoute(agentA, route({ hostname, path: "/a" })),
        registerRoute(agentB, route({ hostname, cluster_uuid: "cluster-b", path: "/b" })),
      ]),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(races.length);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await hosts(org.id)).length).toBe(races.length);
  });
});

describe("cluster binding", () => {
  it("binds a cluster to the first gateway that writes it; another gateway's writes are 403 and change nothing", async () => {
    const { agentA, agentB, org, gw, operator } = await setup();
    await syncIngresses(agentA, sync("cluster-a", [ing("a", "a.example.com"), ing("b", "b.example.com")]));
    // The attack: gateway B wipes cluster-a with an empty sync.
    const wipe = await syncIngresses(agentB, sync("cluster-a", [])).catch((e) => e);
    expect(wipe).toBeInstanceOf(ForbiddenError);
    expect(wipe.extra).toEqual({ cluster_uuid: "cluster-a", bound_gateway_id: gw.id });
    await expect(registerRoute(agentB, route({ hostname: "evil.example.com" }))).rejects.toThrow(ForbiddenError);
    await expect(unregisterRoute(agentB, { hostname: "a.example.com" })).rejects.toThrow(NotFoundError);
    expect(await hosts(org.id, "cluster-a")).toEqual(["a.example.com/", "b.example.com/"]);
    // The bound gateway keeps writing; org members are not bound.
    expect((await registerRoute(agentA, route({ hostname: "c.example.com" }))).result).toBe("created");
    expect((await registerRoute(operator, route({ hostname: "d.example.com" }))).result).toBe("created");
  });

  it("binds routes stored before bindings existed to the gateway that reported them", async () => {
    const { agentA, agentB, org } = await setup();
    await registerRoute(agentA, route({ cluster_uuid: "legacy" }));
    await db.delete(clusterBindings).where(eq(clusterBindings.orgId, org.id)); // as right after the upgrade
    await expect(syncIngresses(agentB, sync("legacy", []))).rejects.toThrow(ForbiddenError);
    expect(await hosts(org.id, "legacy")).toEqual(["app.example.com/"]);
  });

  it("lets an operator release a cluster (audited); the next gateway to write it gets it", async () => {
    const { agentA, agentB, org, gw, operator, viewer } = await setup();
    await syncIngresses(agentA, sync("moving", [ing("m", "m.example.com")]));
    await expect(releaseCluster(viewer, "moving")).rejects.toThrow(ForbiddenError);
    await expect(releaseCluster(agentA, "moving")).rejects.toThrow(ForbiddenError);
    expect(await releaseCluster(operator, "moving")).toEqual({ cluster_uuid: "moving", released_gateway_id: gw.id });
    await expect(releaseCluster(operator, "moving")).rejects.toThrow(NotFoundError);
    expect(await syncIngresses(agentB, sync("moving", []))).toMatchObject({ removed: 1 });
    await expect(syncIngresses(agentA, sync("moving", []))).rejects.toThrow(ForbiddenError);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "route.cluster_release")));
    expect(audit).toMatchObject({ targetId: "moving", details: { cluster_uuid: "moving", gateway_id: gw.id } });
  });
});
