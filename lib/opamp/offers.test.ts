import { describe, expect, it } from "vitest";
import { buildOffers, offersToSend } from "./offers";
import { descriptionFacts, healthToJson } from "./state-json";

const base = {
  capabilities: 0x1n | 0x2000n | 0x40n,
  heartbeatSeconds: 30,
  token: "t1",
  opampEndpoint: "ws://h/v1/opamp",
  telemetryBase: "http://h",
};

describe("connection settings offers", () => {
  it("offers each part only with its capability, under a stable hash that covers every part", () => {
    const a = buildOffers(base);
    expect(Object.keys(a.parts).sort()).toEqual(["opamp", "ownMetrics"]);
    expect(a.hash.equals(buildOffers(base).hash)).toBe(true);
    expect(a.hash.equals(buildOffers({ ...base, heartbeatSeconds: 10 }).hash)).toBe(false);
    expect(a.hash.equals(buildOffers({ ...base, token: "t2" }).hash)).toBe(false);
    expect(Object.keys(buildOffers({ ...base, capabilities: 0x1n }).parts)).toEqual([]);
  });

  it("sends only what changed since the last offer, and nothing when the agent already reports this hash", () => {
    const offered = {};
    const first = offersToSend(buildOffers(base), offered, null)!;
    expect(first.opamp?.heartbeatIntervalSeconds).toBe(30n);
    expect(first.ownMetrics?.destinationEndpoint).toBe("http://h/api/v1/otlp/v1/metrics");
    expect(offersToSend(buildOffers(base), offered, null)).toBeUndefined();
    const changed = offersToSend(buildOffers({ ...base, heartbeatSeconds: 5 }), offered, null)!;
    expect(changed.opamp?.heartbeatIntervalSeconds).toBe(5n);
    expect(changed.ownMetrics).toBeUndefined();
    const set = buildOffers(base);
    expect(offersToSend(set, {}, set.hash.toString("hex"))).toBeUndefined();
  });
});

describe("reported state as stored", () => {
  it("takes version, host and OS from resource attributes, identifying ones first", () => {
    expect(
      descriptionFacts({
        identifying_attributes: { "service.version": "1.0" },
        non_identifying_attributes: { "service.version": "0.9", "host.name": "h", "os.type": "linux" },
      }),
    ).toEqual({ agentVersion: "1.0", hostname: "h", os: "linux" });
  });

  it("keeps the health tree and nanosecond times exact", () => {
    const json = healthToJson({
      healthy: true,
      startTimeUnixNano: "1763900000123456789",
      componentHealthMap: { a: { lastError: "x" } },
    });
    expect(json).toMatchObject({
      healthy: true,
      start_time_unix_nano: "1763900000123456789",
      component_health_map: { a: { healthy: false, last_error: "x" } },
    });
  });
});
