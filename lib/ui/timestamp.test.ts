import { describe, expect, it } from "vitest";
import { formatTimestamp } from "./timestamp";

describe("formatTimestamp", () => {
  it("writes UTC to the second whatever zone the time was given in", () => {
    expect(formatTimestamp("2026-12-02T05:43:28.912Z")).toBe("2026-12-02 05:43:28 UTC");
    expect(formatTimestamp("2026-12-02T07:43:28+02:00")).toBe("2026-12-02 05:43:28 UTC");
    expect(formatTimestamp(new Date(Date.UTC(2026, 0, 5, 3, 4, 5)))).toBe("2026-01-05 03:04:05 UTC");
  });
  it("shows a dash for no time or an unreadable one", () => {
    expect(formatTimestamp(null)).toBe("—");
    expect(formatTimestamp(undefined)).toBe("—");
    expect(formatTimestamp("not a date")).toBe("—");
  });
});
