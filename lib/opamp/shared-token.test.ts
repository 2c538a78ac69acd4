import { describe, expect, it } from "vitest";
import { SharedTokenDetector } from "./shared-token";

const uid = (n: number) => Buffer.alloc(16, n);

describe("SharedTokenDetector", () => {
  it("lets the first uid change take over, and refuses the next one against the new holder", () => {
    const d = new SharedTokenDetector();
    expect(d.check("g", null, uid(1), 0)).toBeNull(); // nobody connected
    expect(d.check("g", uid(1), uid(1), 10)).toBeNull(); // the same collector reconnecting
    expect(d.check("g", uid(1), uid(2), 20)).toBeNull(); // takeover
    expect(d.check("g", uid(2), uid(1), 30)).toEqual({ audit: true }); // the old one comes back: collision
    expect(d.check("g", uid(2), uid(1), 40)).toEqual({ audit: false }); // audited once per window
    expect(d.check("other", uid(2), uid(1), 40)).toBeNull(); // per gateway
  });

  it("keeps refusing while the other collector keeps trying, and forgets after a quiet window", () => {
    const d = new SharedTokenDetector();
    d.check("g", uid(1), uid(2), 0);
    expect(d.check("g", uid(2), uid(1), 200_000)).not.toBeNull();
    expect(d.check("g", uid(2), uid(1), 450_000)).not.toBeNull(); // each refusal extends the window
    d.prune(450_000 + 300_000);
    expect(d.check("g", uid(2), uid(1), 450_000 + 300_000)).toBeNull(); // a plain takeover again
  });

  it("does not count a collision when the holder is not the uid that took over", () => {
    const d = new SharedTokenDetector();
    d.check("g", uid(1), uid(2), 0);
    expect(d.check("g", uid(3), uid(4), 10)).toBeNull();
  });
});
