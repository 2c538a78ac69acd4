import type { Db } from "../db/client";
import { resolveDesiredConfigs, type DesiredConfig } from "../config-distribution/desired";
import type { GatewayVariables } from "../config-distribution/render";

type Waiting = { gateway: GatewayVariables; promise: Promise<DesiredConfig | null>; resolve(v: DesiredConfig | null): void; reject(e: unknown): void };

/**
 * Desired config per gateway, resolved once and kept until a `config` event names the gateway (or a safety TTL
 * passes, in case an event was missed), so heartbeats never hit the template tables. Misses that arrive together
 * (a fleet connecting, a config event naming thousands of gateways) are resolved in one batch of queries.
 */
export class DesiredCache {
  private entries = new Map<string, { value: DesiredConfig | null; at: number }>();
  private inflight = new Map<string, Promise<DesiredConfig | null>>();
  private invalidatedAt = new Map<string, number>();
  private queue = new Map<string, Waiting>();
  private scheduled = false;

  constructor(private db: Db, private ttlMs = 5 * 60_000, private maxBatch = 5000) {}

  async get(gateway: GatewayVariables): Promise<DesiredConfig | null> {
    const hit = this.entries.get(gateway.id);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    let pending = this.inflight.get(gateway.id);
    if (!pending) {
      const started = Date.now();
      const resolved = this.enqueue(gateway);
      pending = resolved.finally(() => {
        if (this.inflight.get(gateway.id) === pending) this.inflight.delete(gateway.id);
      });
      this.inflight.set(gateway.id, pending);
      void resolved.then((value) => {
        // An invalidation that arrived while resolving wins: do not cache a possibly stale answer.
        if ((this.invalidatedAt.get(gateway.id) ?? -1) < started) this.entries.set(gateway.id, { value, at: started });
      }, () => {});
    }
    return pending;
  }

  invalidate(gatewayIds: string[]): void {
    const now = Date.now();
    for (const id of gatewayIds) {
      this.entries.delete(id);
      this.inflight.delete(id);
      this.invalidatedAt.set(id, now);
    }
  }

  forget(gatewayId: string): void {
    this.entries.delete(gatewayId);
    this.invalidatedAt.delete(gatewayId);
  }

  /** Queues a resolution; the queue is resolved once the current burst of I/O callbacks has been handled. */
  private enqueue(gateway: GatewayVariables): Promise<DesiredConfig | null> {
    const queued = this.queue.get(gateway.id);
    if (queued) return queued.promise;
    let resolve!: Waiting["resolve"];
    let reject!: Waiting["reject"];
    const promise = new Promise<DesiredConfig | null>((res, rej) => ((resolve = res), (reject = rej)));
    this.queue.set(gateway.id, { gateway, promise, resolve, reject });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
    return promise;
  }

  private drain(): void {
    this.scheduled = false;
    const all = [...this.queue.values()];
    this.queue.clear();
    for (let i = 0; i < all.length; i += this.maxBatch) {
      const batch = all.slice(i, i + this.maxBatch);
      resolveDesiredConfigs(this.db, batch.map((w) => w.gateway)).then(
        (found) => batch.forEach((w) => w.resolve(found.get(w.gateway.id) ?? null)),
        (err) => batch.forEach((w) => w.reject(err)),
      );
    }
  }
}
