import type { Db } from "../db/client";
import { resolveDesiredConfigs, type DesiredConfig } from "../config-distribution/desired";
import type { GatewayVariables } from "../config-distribution/render";
import { batchedBy } from "./batch";

/**
 * Desired config per gateway, resolved once and kept until a `config` event names the gateway (or a safety TTL
 * passes, in case an event was missed), so heartbeats never hit the template tables. Misses that arrive together
 * (a fleet connecting, a config event naming thousands of gateways) are resolved in one batch of queries.
 */
export class DesiredCache {
  private entries = new Map<string, { value: DesiredConfig | null; at: number }>();
  private inflight = new Map<string, Promise<DesiredConfig | null>>();
  private invalidatedAt = new Map<string, number>();
  private resolve: (gateway: GatewayVariables) => Promise<DesiredConfig | null | undefined>;

  constructor(
    db: Db,
    private ttlMs = 5 * 60_000,
  ) {
    // Parts of 1,000 resolve in parallel, so a rollout's first pushes go out while later parts are still queried.
    this.resolve = batchedBy(
      (g: GatewayVariables) => g.id,
      (list) => resolveDesiredConfigs(db, list),
      1000,
    );
  }

  /** A cached answer as it is (no await per heartbeat), else a promise of the resolved one. */
  get(gateway: GatewayVariables): DesiredConfig | null | Promise<DesiredConfig | null> {
    const hit = this.entries.get(gateway.id);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    let pending = this.inflight.get(gateway.id);
    if (!pending) {
      const started = Date.now();
      const resolved = this.resolve(gateway).then((v) => v ?? null);
      pending = resolved.finally(() => {
        if (this.inflight.get(gateway.id) === pending) this.inflight.delete(gateway.id);
      });
      this.inflight.set(gateway.id, pending);
      void resolved.then(
        (value) => {
          // An invalidation that arrived while resolving wins: do not cache a possibly stale answer.
          if ((this.invalidatedAt.get(gateway.id) ?? -1) < started)
            this.entries.set(gateway.id, { value, at: started });
        },
        () => {},
      );
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
}
