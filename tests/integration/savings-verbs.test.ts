import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gateways } from "@/lib/db/schema";
import { extractSeries } from "@/lib/timeseries/extract";
import { writeReportedSeries } from "@/lib/timeseries/write";
import { getSavings } from "@/lib/savings/queries";
import { NotFoundError } from "@/lib/errors";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { ownMetricsAt } from "./timeseries-fixtures";

const MIN = 60_000;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("savings", () => {
  it("is accepted minus sent per signal over the window, per gateway and for the org", async () => {
    const { org, viewer } = await makeOrg(database.db, "savings");
    const other = await makeOrg(database.db, "savings-other");
    const [a, b] = await database.db
      .insert(gateways)
      .values([
        { orgId: org.id, instanceId: `sa-${Date.now()}`, name: "a" },
        { orgId: org.id, instanceId: `sb-${Date.now()}`, name: "b" },
      ])
      .returning({ id: gateways.id, orgId: gateways.orgId });
    const t0 = Math.floor(Date.now() / (15 * MIN)) * (15 * MIN) - 60 * MIN;
    // Gateway a drops 60% of what it accepts; b forwards everything. Minute 0 counts whole (fresh start).
    for (let m = 0; m < 5; m++) {
      const at = new Date(t0 + m * MIN + 1_000);
      for (const [g, sentShare] of [
        [a, 0.4],
        [b, 1],
      ] as const) {
        const report = ownMetricsAt({
          at: at.getTime(),
          start: t0,
          accepted: 100 * (m + 1),
          sent: sentShare * 100 * (m + 1),
        });
        await writeReportedSeries(database.db, g, extractSeries(report, at), at);
      }
    }
    const window = { from: new Date(t0).toISOString(), to: new Date(t0 + 5 * MIN).toISOString() };
    const forA = await getSavings(viewer, { ...window, gatewayId: a.id });
    expect(forA.signals.logs).toEqual({ in: 500, out: 200, saved: 300, saved_ratio: 0.6 });
    expect(forA.signals.traces).toEqual({ in: 0, out: 0, saved: 0, saved_ratio: null });
    const all = await getSavings(viewer, window);
    expect(all.signals.logs).toEqual({ in: 1000, out: 700, saved: 300, saved_ratio: 0.3 });
    // The window bounds the sum: minutes 0-1 only.
    const early = await getSavings(viewer, { ...window, to: new Date(t0 + 2 * MIN).toISOString() });
    expect(early.signals.logs.in).toBe(400);
    expect((await getSavings(other.viewer, window)).signals.logs.in).toBe(0);
    await expect(getSavings(other.viewer, { ...window, gatewayId: a.id })).rejects.toThrow(NotFoundError);
  });
});
