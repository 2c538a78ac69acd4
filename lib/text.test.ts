import { describe, expect, it } from "vitest";
import { findUnstorableText, isStorableText, storableText, toStorableText } from "./text";

describe("storable text", () => {
  it("refuses NUL and unpaired surrogates, accepts pairs and U+FFFD", () => {
    for (const bad of ["\u0000", "a\u0000", "\ud800", "x\udfff", "\udc00\ud800"])
      expect(isStorableText(bad)).toBe(false);
    for (const good of ["", "plain", "\ufffd", "\ud83d\ude00", "tab\tnew\nline"])
      expect(isStorableText(good)).toBe(true);
  });

  it("replaces each bad code unit with U+FFFD and keeps the rest", () => {
    expect(storableText("a\u0000b\ud800c\ud83d\ude00")).toBe("a\ufffdb\ufffdc\ud83d\ude00");
  });

  it("names the path of the first bad value, or the object holding a bad key", () => {
    expect(findUnstorableText({ a: "ok", b: [1, "ok", { c: "\u0000" }] })).toEqual(["b", 2, "c"]);
    expect(findUnstorableText({ meta: { "k\u0000": 1 } })).toEqual(["meta"]);
    expect(findUnstorableText("\ud800")).toEqual([]);
    expect(findUnstorableText({ a: ["fine", 1, null, true] })).toBeNull();
  });

  it("sanitises keys and values deep, leaving other values alone", () => {
    const date = new Date(0);
    expect(toStorableText({ "k\u0000": ["\ud800", 1, null], d: date })).toEqual({
      "k\ufffd": ["\ufffd", 1, null],
      d: date,
    });
  });
});
