import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration, formatNumber, secondsSince } from "./format";

describe("formatAgo", () => {
  it("uses the largest whole unit at each boundary", () => {
    expect(formatAgo(0)).toBe("0 s ago");
    expect(formatAgo(12.9)).toBe("12 s ago");
    expect(formatAgo(59)).toBe("59 s ago");
    expect(formatAgo(60)).toBe("1 min ago");
    expect(formatAgo(3599)).toBe("59 min ago");
    expect(formatAgo(3600)).toBe("1 h ago");
    expect(formatAgo(86_399)).toBe("23 h ago");
    expect(formatAgo(86_400 * 4)).toBe("4 d ago");
  });
  it("says never without a time, and never shows a negative age (clock skew)", () => {
    expect(formatAgo(null)).toBe("never");
    expect(formatAgo(undefined)).toBe("never");
    expect(formatAgo(-5)).toBe("0 s ago");
  });
});

describe("formatDuration", () => {
  it("shows the two largest units and drops a zero second unit", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(7200)).toBe("2 h");
    expect(formatDuration(7500)).toBe("2 h 5 min");
    expect(formatDuration(86_400 * 4 + 3 * 3600 + 59)).toBe("4 d 3 h");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("secondsSince and formatNumber", () => {
  it("measures from an ISO time and formats counts", () => {
    const now = Date.parse("2026-01-01T00:01:00Z");
    expect(secondsSince("2026-01-01T00:00:48Z", now)).toBe(12);
    expect(secondsSince(null, now)).toBeNull();
    expect(secondsSince("not a date", now)).toBeNull();
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(50.55, 1)).toBe("50.6");
    expect(formatNumber(null)).toBe("—");
  });
});
