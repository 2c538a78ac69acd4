import { describe, expect, it } from "vitest";
import { lineDiff, MAX_DIFF_LINES } from "./line-diff";

describe("lineDiff", () => {
  it("keeps common lines and marks removed and added ones in order", () => {
    expect(lineDiff("a\nb\nc", "a\nx\nc\nd")).toEqual([
      { op: " ", text: "a" },
      { op: "-", text: "b" },
      { op: "+", text: "x" },
      { op: " ", text: "c" },
      { op: "+", text: "d" },
    ]);
  });

  it("is all kept lines for equal texts", () => {
    expect(lineDiff("a\nb", "a\nb")?.every((l) => l.op === " ")).toBe(true);
  });

  it("refuses texts longer than the cap", () => {
    expect(lineDiff("x\n".repeat(MAX_DIFF_LINES + 1), "y")).toBeNull();
  });
});
