import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { gateways, gatewayTimeseries, gatewayTimeseriesCursors } from "@/lib/db/schema";
import { extractSeries } from "@/lib/timeseries/extract";
import { MAX_SERIES_PER_GATEWAY, writeReportedSeries } from "@/lib/timeseries/write";
import { sweepTimeseries } from "@/lib/timeseries/sweeper";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { ownMetricsAt } from "./timeseries-fixtures";

const MIN = 60_000;
const DAY = 86_400_000;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function newGateway() {
  const { org } = await makeOrg(database.db, "ts");
  const [g] = await database.db
    .insert(gateways)
    .values({ orgId: org.id, instanceId: `ts-${Date.now()}-${Math.random()}`, name: "ts" })
    .returning({ id: gateways.id, orgId: gateways.orgId });
  return g;
}

const rowsOf = (gatewayId: string, metric: string) =>
  database.db
    .select({ step: gatewayTimeseries.stepMinutes, bucket: gatewayTimeseries.bucket, value: gatewayTimeseries.value })
    .from(gatewayTimeseries)
    .where(and(eq(gatewayTimeseries.gatewayId, gatewayId), eq(gatewayTimeseries.metric, metric)))
    .orderBy(gatewayTimeseries.stepMinutes, gatewayTimeseries.bucket);

describe("time-series storage", () => {
  it("folds 1-minute rows past 48 h into 15-minute rows (counters summed, gauges at their peak), then drops them past the retention", async () => {
    const g = await newGateway();
    const t0 = Math.floor(Date.now() / (15 * MIN)) * (15 * MIN) - 60 * MIN;
    for (let m = 0; m < 20; m++) {
      const at = new Date(t0 + m * MIN + 1_000);
      const request = ownMetricsAt({
        at: at.getTime(),
        start: t0,
        accepted: 3 * (m + 1),
        sent: m + 1,
        queueSize: m % 7,
      });
      await writeReportedSeries(database.db, g, extractSeries(request, at), at);
    }
    expect(await rowsOf(g.id, "receiver_accepted")).toHaveLength(20);

    // 47 h later nothing moves; 49 h after the first bucket, the first whole 15 minutes are folded.
    await sweepTimeseries(database.db, new Date(t0 + 47 * 3_600_000));
    expect(await rowsOf(g.id, "receiver_accepted")).toHaveLength(20);
    await sweepTimeseries(database.db, new Date(t0 + 48 * 3_600_000 + 16 * MIN));
    const accepted = await rowsOf(g.id, "receiver_accepted");
    expect(accepted[0]).toEqual({ step: 1, bucket: new Date(t0 + 15 * MIN), value: 3 });
    expect(accepted.filter((r) => r.step === 1)).toHaveLength(5);
    expect(accepted.filter((r) => r.step === 15)).toEqual([{ step: 15, bucket: new Date(t0), value: 45 }]);
    expect((await rowsOf(g.id, "exporter_queue_size")).find((r) => r.step === 15)?.value).toBe(6);

    // A second pass later folds the rest into the next bucket; sums are kept.
    await sweepTimeseries(database.db, new Date(t0 + 3 * DAY));
    expect(await rowsOf(g.id, "receiver_accepted")).toEqual([
      { step: 15, bucket: new Date(t0), value: 45 },
      { step: 15, bucket: new Date(t0 + 15 * MIN), value: 15 },
    ]);

    // Past the 14-day default retention: rows and counter cursors are gone.
    await sweepTimeseries(database.db, new Date(t0 + 14 * DAY + 30 * MIN));
    expect(await rowsOf(g.id, "receiver_accepted")).toEqual([]);
    const cursors = await database.db
      .select()
      .from(gatewayTimeseriesCursors)
      .where(eq(gatewayTimeseriesCursors.gatewayId, g.id));
    expect(cursors).toEqual([]);
  });

  it(`keeps at most ${MAX_SERIES_PER_GATEWAY} series per gateway`, async () => {
    const g = await newGateway();
    const now = new Date();
    const points = Array.from({ length: MAX_SERIES_PER_GATEWAY + 50 }, (_, i) => ({
      asInt: "1",
      timeUnixNano: String(BigInt(now.getTime()) * 1_000_000n),
      attributes: [{ key: "exporter", value: { stringValue: `otlp/${i}` } }],
    }));
    const request = {
      resourceMetrics: [
        {
          scopeMetrics: [{ metrics: [{ name: "otelcol_exporter_queue_size", gauge: { dataPoints: points } }] }],
        },
      ],
    };
    expect(await writeReportedSeries(database.db, g, extractSeries(request, now), now)).toBe(MAX_SERIES_PER_GATEWAY);
    expect(await rowsOf(g.id, "exporter_queue_size")).toHaveLength(MAX_SERIES_PER_GATEWAY);
  });
});
