import { describe, expect, it } from "vitest";
import { diffLines, splitLines, unifiedDiff } from "./unified-diff";

/** Length of the longest common subsequence, by dynamic programming: the minimal edit count is n + m - 2·LCS. */
function lcs(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  }
  return dp[a.length][b.length];
}

function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe("diffLines", () => {
  it("produces a minimal edit script that rebuilds both sides (randomized against an LCS oracle)", () => {
    const rand = seeded(42);
    for (let round = 0; round < 300; round++) {
      const gen = () => Array.from({ length: Math.floor(rand() * 14) }, () => "abcde"[Math.floor(rand() * 5)]);
      const a = gen(),
        b = gen();
      const ops = diffLines(a, b);
      expect(ops.filter((o) => o.kind !== "+").map((o) => o.line)).toEqual(a);
      expect(ops.filter((o) => o.kind !== "-").map((o) => o.line)).toEqual(b);
      expect(ops.filter((o) => o.kind !== " ").length).toBe(a.length + b.length - 2 * lcs(a, b));
    }
  });

  it("splits CRLF and LF alike and ignores one trailing newline", () => {
    expect(splitLines("a\r\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
  });
});

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a: 1\n", "a: 1\n", { from: "v1", to: "v2" })).toEqual({ diff: "", added: 0, removed: 0 });
  });

  it("writes the hunks GNU diff -u writes: three lines of context, nearby changes merged", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line${i + 1}`).join("\n") + "\n";
    const next = old
      .replace("line2\n", "line2 changed\n")
      .replace("line5\n", "")
      .replace("line18\n", "line18\nextra\n");
    const r = unifiedDiff(old, next, { from: "tpl@v1", to: "tpl@v2" });
    expect(r).toMatchObject({ added: 2, removed: 2 });
    expect(r.diff).toBe(
      [
        "--- tpl@v1",
        "+++ tpl@v2",
        "@@ -1,8 +1,7 @@",
        " line1",
        "-line2",
        "+line2 changed",
        " line3",
        " line4",
        "-line5",
        " line6",
        " line7",
        " line8",
        "@@ -16,5 +15,6 @@",
        " line16",
        " line17",
        " line18",
        "+extra",
        " line19",
        " line20",
        "",
      ].join("\n"),
    );
  });

  it("numbers an empty side as 0,0", () => {
    expect(unifiedDiff("", "a\nb\n", { from: "a", to: "b" }).diff).toBe("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    expect(unifiedDiff("a\n", "", { from: "a", to: "b" }).diff).toBe("--- a\n+++ b\n@@ -1,1 +0,0 @@\n-a\n");
  });

  it("falls back to replacing everything past the edit budget, still rebuilding both sides", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.kind === "-").map((o) => o.line)).toEqual(a);
    expect(ops.filter((o) => o.kind === "+").map((o) => o.line)).toEqual(b);
  });
});
