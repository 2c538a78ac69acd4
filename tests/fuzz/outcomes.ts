/** Counts of what the server answered, keyed like "ws reply BAD_REQUEST" or "rest 400". */
export class Outcomes {
  readonly counts = new Map<string, number>();
  /** The first input that produced each failing outcome, to reproduce it. */
  readonly examples = new Map<string, string>();

  add(key: string, input: () => string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (isFailure(key) && !this.examples.has(key)) this.examples.set(key, input().slice(0, 2000));
  }

  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  failures(): string[] {
    return [...this.counts.keys()].filter(isFailure);
  }

  table(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${String(n).padStart(8)}  ${k}${isFailure(k) ? "   <-- FAILURE" : ""}`)
      .join("\n");
  }
}

/**
 * Bad input must never look like the server's fault or a reason to retry: no 5xx, no UNAVAILABLE/UNKNOWN error
 * reply, no 1011 (internal error) or 1013 (try again later) close, no reply at all.
 */
export function isFailure(key: string): boolean {
  return /\b5\d\d\b|UNAVAILABLE|UNKNOWN|close 1011|close 1013|no reply|transport error/.test(key);
}
