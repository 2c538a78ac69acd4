import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { gateways } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { listGatewayEvents } from "@/lib/audit/gateway-events";

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

describe("a gateway's recent events", () => {
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

    const events = await listGatewayEvents(a.viewer, gw.id);
    expect(events.map((e) => e.action).sort()).toEqual([
      "gateway.config_applied",
      "gateway.register",
      "gateway.tags_set",
    ]);
    const times = events.map((e) => Date.parse(e.created_at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(events.find((e) => e.action === "gateway.tags_set")?.details).toEqual({ tags: { env: "prod" } });

    expect(await listGatewayEvents(a.viewer, gw.id, 1)).toHaveLength(1);
    expect(await listGatewayEvents(b.viewer, gw.id)).toEqual([expect.objectContaining({ action: "gateway.spoof" })]);
  });
});
