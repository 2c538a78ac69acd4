import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration, formatNumber, secondsSince } from "./format";

describe("formatAgo", () => {
  it.each([
    [0, "0 s ago"],
    [12.9, "12 s ago"],
    [59, "59 s ago"],
    [60, "1 min ago"],
    [3599, "59 min ago"],
    [3600, "1 h ago"],
    [86_399, "23 h ago"],
    [86_400 * 4, "4 d ago"],
  ])("uses the largest whole unit at each boundary: %s s", (seconds, text) => {
    expect(formatAgo(seconds)).toBe(text);
  });
  it("says never without a time, and never shows a negative age (clock skew)", () => {
    expect(formatAgo(null)).toBe("never");
    expect(formatAgo(undefined)).toBe("never");
    expect(formatAgo(-5)).toBe("0 s ago");
  });
});

describe("formatDuration", () => {
  it.each([
    [45, "45 s"],
    [200, "3 min 20 s"],
    [7200, "2 h"],
    [7500, "2 h 5 min"],
    [86_400 * 4 + 3 * 3600 + 59, "4 d 3 h"],
    [0, "0 s"],
    [null, "—"],
  ])("shows the two largest units and drops a zero second unit: %s s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
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
