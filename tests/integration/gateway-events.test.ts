import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { gatewayEvents, gateways } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { listGatewayHistory } from "@/lib/gateways/history";
import { NotFoundError } from "@/lib/errors";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function addGateway(orgId: string, instanceId: string) {
  const [g] = await database.db.insert(gateways).values({ orgId, instanceId, name: instanceId }).returning();
  return g;
}

describe("a gateway's history", () => {
  it("lists audit rows about the gateway and by the gateway, newest first, never another org's or gateway's", async () => {
    const a = await makeOrg(database.db, "events-a");
    const b = await makeOrg(database.db, "events-b");
    const gw = await addGateway(a.org.id, "gw-1");
    const other = await addGateway(a.org.id, "gw-2");
    const foreign = await addGateway(b.org.id, "gw-1");

    await recordAudit(database.db, a.owner, { action: "gateway.register", targetType: "gateway", targetId: gw.id });
    await recordAudit(database.db, a.owner, {
      action: "gateway.rotate_token",
      targetType: "gateway",
      targetId: other.id,
    });
    await recordAudit(
      database.db,
      { orgId: a.org.id, actor: `gateway:${gw.id}` },
      { action: "gateway.config_applied", targetType: "deployment", targetId: "d-1" },
    );
    await recordAudit(database.db, b.owner, { action: "gateway.delete", targetType: "gateway", targetId: foreign.id });
    // Another org's row naming our gateway's id must stay invisible too.
    await recordAudit(database.db, b.owner, { action: "gateway.spoof", targetType: "gateway", targetId: gw.id });
    await recordAudit(database.db, a.owner, {
      action: "gateway.tags_set",
      targetType: "gateway",
      targetId: gw.id,
      details: { tags: { env: "prod" } },
    });

    const { items: events, total } = await listGatewayHistory(a.viewer, gw.id);
    expect(total).toBe(3);
    expect(events.map((e) => e.kind).sort()).toEqual([
      "gateway.config_applied",
      "gateway.register",
      "gateway.tags_set",
    ]);
    const times = events.map((e) => Date.parse(e.created_at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(events.find((e) => e.kind === "gateway.tags_set")?.details).toEqual({ tags: { env: "prod" } });
    expect(events.find((e) => e.kind === "gateway.register")?.message).toBe("Registered by system");

    const firstPage = await listGatewayHistory(a.viewer, gw.id, { limit: 1 });
    expect(firstPage).toMatchObject({ total: 3, page: 1, limit: 1, items: [events[0]] });
    expect((await listGatewayHistory(a.viewer, gw.id, { limit: 1, page: 3 })).items).toEqual([events[2]]);
    // Another org's member gets a 404 for the gateway, not the rows of their org that name its id.
    await expect(listGatewayHistory(b.viewer, gw.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("merges what the server saw with the audit rows, as sentences", async () => {
    const a = await makeOrg(database.db, "events-c");
    const gw = await addGateway(a.org.id, "gw-3");
    await recordAudit(database.db, a.owner, { action: "gateway.restart", targetType: "gateway", targetId: gw.id });
    await database.db.insert(gatewayEvents).values([
      { orgId: a.org.id, gatewayId: gw.id, kind: "connected", details: { transport: "websocket" } },
      { orgId: a.org.id, gatewayId: gw.id, kind: "config_failed", details: { hash: "ab".repeat(32), error: "bad" } },
    ]);
    const { items, total } = await listGatewayHistory(a.viewer, gw.id);
    expect(total).toBe(3);
    expect(items.map((e) => e.message).sort()).toEqual([
      "Config failed to apply (hash abababababab): bad",
      "Connected over WebSocket",
      "Restart requested by system",
    ]);
  });
});
