import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { gateways } from "@/lib/db/schema";
import { getFleetSummary } from "@/lib/gateways/fleet-summary";
import { listGateways } from "@/lib/gateways/queries";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const ago = (now: Date, s: number) => new Date(now.getTime() - s * 1000);

describe("dashboard fleet summary", () => {
  it("counts gateways per health at each boundary, seen in the last hour and connected, for this org only", async () => {
    const { org, viewer } = await makeOrg(database.db, "dash");
    const other = await makeOrg(database.db, "dash-other");
    const now = new Date();
    const g = (instanceId: string, v: Partial<typeof gateways.$inferInsert>) => ({
      orgId: org.id,
      instanceId,
      name: instanceId,
      ...v,
    });
    await database.db
      .insert(gateways)
      .values([
        g("healthy-60s", { status: "active", lastSeen: ago(now, 60), connectionState: "connected" }),
        g("warning-61s", { status: "active", lastSeen: ago(now, 61) }),
        g("warning-300s", { status: "active", lastSeen: ago(now, 300) }),
        g("unhealthy-301s", { status: "active", lastSeen: ago(now, 301) }),
        g("unhealthy-2h", { status: "active", lastSeen: ago(now, 7200) }),
        g("offline", { status: "inactive", lastSeen: ago(now, 10) }),
        g("error", { status: "error", lastSeen: ago(now, 4000), configDrift: true }),
        g("never-seen", { status: "registered" }),
      ]);
    await database.db.insert(gateways).values({
      orgId: other.org.id,
      instanceId: "foreign",
      name: "foreign",
      status: "active",
      lastSeen: now,
      connectionState: "connected",
    });

    const summary = await getFleetSummary(viewer, now);
    expect(summary).toEqual({
      total: 8,
      seen_last_hour: 5,
      connected: 1,
      drifted: 1,
      // status error: the agent reported itself unhealthy (it is offline only once disconnected, status inactive)
      health: { healthy: 1, warning: 2, unhealthy: 3, offline: 1, unknown: 1 },
    });
    // The same numbers a click on a health card lists on the Agents page.
    for (const [health, n] of Object.entries(summary.health)) {
      expect((await listGateways(viewer, { health: health as never, limit: 1 })).total).toBe(n);
    }
    expect((await listGateways(viewer, { drift: "true" })).items.map((i) => i.name)).toEqual(["error"]);
  });

  it("is all zeros for an organization without gateways", async () => {
    const { viewer } = await makeOrg(database.db, "dash-empty");
    expect(await getFleetSummary(viewer)).toEqual({
      total: 0,
      seen_last_hour: 0,
      connected: 0,
      drifted: 0,
      health: { healthy: 0, warning: 0, unhealthy: 0, offline: 0, unknown: 0 },
    });
  });
});
