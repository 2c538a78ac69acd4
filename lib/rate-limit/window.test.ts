import { expect, it } from "vitest";
import { WindowCounter } from "./window";

it("counts per key within a window and starts again at the next one", () => {
  const c = new WindowCounter(60_000);
  expect(c.hit("a", 60_000)).toEqual({ hits: 1, resetAt: 120_000 });
  expect(c.hit("a", 119_999)).toEqual({ hits: 2, resetAt: 120_000 });
  expect(c.hit("b", 119_999).hits).toBe(1);
  expect(c.hit("a", 120_000)).toEqual({ hits: 1, resetAt: 180_000 });
});
