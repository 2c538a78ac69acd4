/**
 * An in-process fixed-window counter: one map per window, replaced when the next window starts, so memory stays
 * bounded by the keys seen in one window.
 */
export class WindowCounter {
  private window = -1;
  private counts = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** Counts a hit on `key`; returns the window's count and the second the window ends. */
  hit(key: string, now = Date.now()): { hits: number; resetAt: number } {
    const w = Math.floor(now / this.windowMs);
    if (w !== this.window) {
      this.window = w;
      this.counts = new Map();
    }
    const hits = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, hits);
    return { hits, resetAt: (w + 1) * this.windowMs };
  }
}
