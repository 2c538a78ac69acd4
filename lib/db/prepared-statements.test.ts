import { describe, expect, it } from "vitest";
import { preparedTexts } from "./prepared-statements";

describe("preparedTexts", () => {
  it("prepares the first texts up to the limit, and those again each time; none after", () => {
    const prepare = preparedTexts(2);
    expect([prepare("a"), prepare("b"), prepare("a"), prepare("c"), prepare("b"), prepare("c")]).toEqual([
      true,
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
