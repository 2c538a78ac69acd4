import { describe, expect, it } from "vitest";
import { computeHealth, seenWithinCutoff } from "./health";

const now = new Date("2026-11-23T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const active = (lastSeenMsAgo: number | null, activeSinceMsAgo: number | null = 3_600_000) => ({
  status: "active",
  lastSeen: lastSeenMsAgo === null ? null : ago(lastSeenMsAgo),
  activeSince: activeSinceMsAgo === null ? null : ago(activeSinceMsAgo),
});

describe("computeHealth", () => {
  it.each([
    [0, "healthy", 100],
    [60_000, "healthy", 100],
    [60_999, "healthy", 100], // 60.999 s is 60 whole seconds
    [61_000, "warning", 50],
    [300_000, "warning", 50],
    [300_999, "warning", 50],
    [301_000, "unhealthy", 20],
    [86_400_000, "unhealthy", 20],
  ])("an active gateway seen %i ms ago is %s (%i)", (ms, status, score) => {
    const h = computeHealth(active(ms), now);
    expect(h.status).toBe(status);
    expect(h.health_score).toBe(score);
    expect(h.seconds_since_last_seen).toBe(Math.floor(ms / 1000));
  });

  it("reports uptime from activeSince while active", () => {
    expect(computeHealth(active(5_000, 3_600_000), now).uptime_seconds).toBe(3600);
    expect(computeHealth(active(5_000, null), now).uptime_seconds).toBeNull();
  });

  it("an inactive gateway is offline (0) however recently it was seen", () => {
    const h = computeHealth({ status: "inactive", lastSeen: ago(1_000), activeSince: ago(10_000) }, now);
    expect(h).toMatchObject({ status: "offline", health_score: 0, uptime_seconds: null, seconds_since_last_seen: 1 });
  });

  it("a connected gateway in status error (reported unhealthy) is unhealthy with the reason, however recent", () => {
    const input = { status: "error", lastSeen: ago(1_000), activeSince: ago(10_000), healthReason: "exporter: boom" };
    expect(computeHealth(input, now)).toMatchObject({
      status: "unhealthy",
      health_score: 20,
      uptime_seconds: 10,
      health_reason: "exporter: boom",
    });
    expect(computeHealth({ ...input, healthReason: null }, now).health_reason).toBe(
      "The agent reports itself unhealthy",
    );
    expect(computeHealth(active(1_000), now).health_reason).toBeNull();
  });

  it("a registered gateway that was never seen is unknown (0)", () => {
    expect(computeHealth({ status: "registered", lastSeen: null, activeSince: null }, now)).toEqual({
      status: "unknown",
      last_seen: null,
      seconds_since_last_seen: null,
      uptime_seconds: null,
      health_score: 0,
      health_reason: null,
    });
    expect(computeHealth(active(null), now).status).toBe("unknown");
  });

  it("a seen but not yet active gateway is at best a warning, never healthy", () => {
    const registered = (ms: number) =>
      computeHealth({ status: "registered", lastSeen: ago(ms), activeSince: null }, now);
    expect(registered(10_000)).toMatchObject({ status: "warning", health_score: 50, uptime_seconds: null });
    expect(registered(300_000).status).toBe("warning");
    expect(registered(301_000).status).toBe("unhealthy");
  });

  it("counts a last_seen in the future (clock skew) as just seen", () => {
    expect(computeHealth(active(-5_000), now)).toMatchObject({ status: "healthy", seconds_since_last_seen: 0 });
  });

  it("seenWithinCutoff agrees with the rounding of computeHealth", () => {
    const cutoff = seenWithinCutoff(now, 60);
    expect(
      computeHealth({ status: "active", lastSeen: new Date(cutoff.getTime() + 1), activeSince: null }, now).status,
    ).toBe("healthy");
    expect(computeHealth({ status: "active", lastSeen: cutoff, activeSince: null }, now).status).toBe("warning");
  });
});
