import { describe, expect, it } from "vitest";
import { escapeLike } from "./like";

describe("escapeLike", () => {
  it("makes %, _ and the backslash literal, and leaves other text alone", () => {
    expect(escapeLike("50%_off\\x")).toBe("50\\%\\_off\\\\x");
    expect(escapeLike("edge-gw.1")).toBe("edge-gw.1");
  });
});
