import type { Sql } from "postgres";

/**
 * Keeps calls from waiting on a PostgreSQL server that is down. postgres.js queues every query it cannot send and,
 * while the server refuses connections, fails only the one query each reconnect attempt carries, one attempt per
 * pool connection per back-off delay (up to 20 s). Under load the queue grows faster than that, so calls made during
 * an outage (a REST request, an agent's report) wait behind it for minutes instead of failing. Queries queued on a
 * transaction's own connection never settle at all when that connection closes.
 *
 * So: a query failing with a connection error makes the gate check the server with a fresh connection of its own.
 * If that fails too the gate closes: every call in flight is rejected with an "unavailable" error at once, and the
 * pool is replaced by a new, empty one (the old one is destroyed, which rejects whatever it still queued, so nothing
 * it held runs after the caller was told it failed). While closed, a call never reaches postgres.js: it waits for
 * the next check (one at a time, at most one per `retryMs`) and fails if that fails, or goes ahead if the server
 * answered, which opens the gate again.
 */
export type GateOptions = {
  /** Makes a query client; called once at start and again each time the gate closes. */
  makeClient(): Sql;
  /** Whether an error says the database cannot be reached (rather than that a query was bad). */
  isUnavailable(err: unknown): boolean;
  /** One quick query on a connection of its own; rejects if the server does not answer. */
  check(): Promise<void>;
  /** The error calls get while the gate is closed. */
  unavailable(): Error;
  /** While closed, the least time between two checks. */
  retryMs: number;
  /** Runs once the server answers again after an outage, before any held call goes ahead; if it fails, still down. */
  beforeOpen?(): Promise<void>;
  onChange?(state: GateState, err?: unknown): void;
};

export type GateState = "up" | "checking" | "down";

type Entry = { reject(err: unknown): void };

/** A drizzle-compatible postgres.js client (a Proxy) whose queries and transactions pass through the gate. */
export class DatabaseGate {
  state: GateState = "up";
  private current: Sql;
  private inflight = new Set<Entry>();
  private checking?: Promise<boolean>;
  private lastCheck = 0;
  private closed = false;
  readonly client: Sql;

  constructor(private opts: GateOptions) {
    this.current = opts.makeClient();
    const first = this.current;
    this.client = this.gated(first, () => this.current);
  }

  /** Ends the current pool. */
  async end(): Promise<void> {
    this.closed = true;
    await this.current.end({ timeout: 5 });
  }

  /**
   * Wraps one query or transaction: held while the gate is closed, rejected at once if it closes meanwhile. `owner`
   * is the pool of the transaction a query belongs to: once that pool is replaced its connection is gone.
   */
  private run<T>(start: () => PromiseLike<T>, owner?: Sql): Promise<T> {
    if (owner && owner !== this.current) return Promise.reject(this.opts.unavailable());
    if (this.state !== "down") return this.track(start);
    return this.recheck().then((up) => (up ? this.track(start) : Promise.reject(this.opts.unavailable())));
  }

  private track<T>(start: () => PromiseLike<T>): Promise<T> {
    const pool = this.current;
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = { reject };
      let started: PromiseLike<T>;
      try {
        started = start();
      } catch (err) {
        reject(err);
        return;
      }
      this.inflight.add(entry);
      started.then(
        (value) => {
          this.inflight.delete(entry);
          resolve(value);
        },
        (err: unknown) => {
          this.inflight.delete(entry);
          // Errors from a pool already replaced are the gate's own doing (it destroyed that pool).
          if (pool === this.current && this.opts.isUnavailable(err)) this.suspect(err);
          reject(err);
        },
      );
    });
  }

  private suspect(err: unknown): void {
    if (this.state !== "up") return;
    this.state = "checking";
    this.opts.onChange?.("checking", err);
    void this.recheck();
  }

  /** Whether the server answers; every caller waiting meanwhile shares one check. */
  private recheck(): Promise<boolean> {
    this.checking ??= this.runCheck().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async runCheck(): Promise<boolean> {
    const wait = this.lastCheck + this.opts.retryMs - performance.now();
    if (this.state === "down" && wait > 0) await new Promise((r) => setTimeout(r, wait));
    try {
      if (this.closed) return false;
      await this.opts.check();
      if (this.state === "down") await this.opts.beforeOpen?.();
      if (this.state !== "up") {
        this.state = "up";
        this.opts.onChange?.("up");
      }
      return true;
    } catch (err) {
      if (this.state !== "down") this.close(err);
      return false;
    } finally {
      this.lastCheck = performance.now();
    }
  }

  private close(err: unknown): void {
    this.state = "down";
    this.opts.onChange?.("down", err);
    const old = this.current;
    this.current = this.opts.makeClient();
    const waiting = [...this.inflight];
    this.inflight.clear();
    for (const e of waiting) e.reject(this.opts.unavailable());
    // Destroy at once: rejects what the old pool still queued and never reconnects it.
    old.end({ timeout: 0 }).catch(() => {});
  }

  /**
   * The client drizzle sees. Drizzle calls `unsafe(text, params, options)` (awaited, or `.values()` then awaited)
   * and `begin(fn)`; inside a transaction the same on the transaction's client, plus `savepoint(fn)`. Everything
   * else (options, parsers) is read from the current pool. `owner`: see `run`.
   */
  private gated(target: Sql, pool: () => Sql, owner?: Sql): Sql {
    return new Proxy(target, {
      get: (_t, prop) => {
        if (prop === "unsafe")
          return (...args: Parameters<Sql["unsafe"]>) => this.query(() => pool().unsafe(...args), owner);
        if (prop === "begin" || prop === "savepoint") {
          return (...args: unknown[]) => {
            const fn = args.pop() as (tx: Sql) => unknown;
            return this.run(() => {
              const sql = pool();
              const txOwner = owner ?? sql;
              const open = (sql as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[prop];
              return open.call(sql, ...args, (tx: Sql) => fn(this.gated(tx, () => tx, txOwner)));
            }, owner);
          };
        }
        const sql = pool();
        const value = Reflect.get(sql, prop) as unknown;
        return typeof value === "function" ? value.bind(sql) : value;
      },
    });
  }

  /** A pending postgres.js query (lazy until awaited) whose execution goes through `run`. */
  private query(make: () => ReturnType<Sql["unsafe"]>, owner?: Sql) {
    let q: ReturnType<Sql["unsafe"]> | undefined;
    let values = false;
    let result: Promise<unknown> | undefined;
    const settle = () =>
      (result ??= this.run(() => {
        q = make();
        return values ? q.values() : q;
      }, owner));
    const pending = {
      values() {
        values = true;
        return pending;
      },
      then: (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) => settle().then(ok, fail),
      catch: (fail: (e: unknown) => unknown) => settle().catch(fail),
      finally: (fn: () => void) => settle().finally(fn),
    };
    return pending;
  }
}
