import { databaseUrl } from "../config";
import { env } from "../env";

type Settle<V> = { resolve(v: V): void; reject(e: unknown): void };

const lingerMs = () => env("FLOWGATE_OPAMP_BATCH_LINGER_MS") ?? (databaseUrl() ? 0 : 10);

/**
 * A queue worked off in rounds: each round gets everything queued since the previous round started, and one round
 * runs at a time. So batches grow with load (a fleet connecting) while a lone entry still costs one round trip.
 * A round starts `lingerMs()` after its first entry. On the embedded database, without that wait batches stay at one
 * or two entries during a connect storm: Node accepts one connection per event-loop turn, and every PGlite query
 * blocks the loop, so each turn admits one agent and runs its queries alone (measured: 11.5 ms of server CPU per
 * connecting agent with no wait, 2.1 ms with 15 ms; docs/benchmark.md). PostgreSQL's queries do not block the loop,
 * and there the wait cost more in reply latency than it saved (same document), so it defaults to none.
 * `round` must settle its entries itself and never throw.
 */
function inRounds<E>(round: (entries: E[]) => Promise<void>): (entry: E) => void {
  let queue: E[] = [];
  let busy = false;
  const run = async () => {
    while (queue.length > 0) {
      const entries = queue;
      queue = [];
      await round(entries);
    }
    busy = false;
  };
  return (entry) => {
    queue.push(entry);
    if (!busy) {
      busy = true;
      const linger = lingerMs();
      if (linger > 0) setTimeout(() => void run(), linger);
      else setImmediate(() => void run()); // the rest of this burst of I/O callbacks joins the first round
    }
  };
}

/**
 * Coalesces look-ups into one query per round (see inRounds). Every answer comes from a query started after it was
 * asked (nothing is cached). Items are keyed by `keyOf`; `load` gets the first item of each distinct key, at most
 * `maxBatch` per query, and answers by key.
 */
export function batchedBy<T, V>(
  keyOf: (item: T) => string,
  load: (items: T[]) => Promise<Map<string, V>>,
  maxBatch = 5000,
): (item: T) => Promise<V | undefined> {
  type Entry = Settle<V | undefined> & { key: string; item: T };
  const enqueue = inRounds<Entry>(async (entries) => {
    const byKey = new Map<string, Entry[]>();
    for (const e of entries) {
      const same = byKey.get(e.key);
      if (same) same.push(e);
      else byKey.set(e.key, [e]);
    }
    const groups = [...byKey.values()];
    const parts: Entry[][][] = [];
    for (let i = 0; i < groups.length; i += maxBatch) parts.push(groups.slice(i, i + maxBatch));
    await Promise.all(
      parts.map(async (part) => {
        try {
          const found = await load(part.map((g) => g[0].item));
          for (const g of part) g.forEach((e) => e.resolve(found.get(e.key)));
        } catch (err) {
          for (const g of part) g.forEach((e) => e.reject(err));
        }
      }),
    );
  });
  return (item) => new Promise((resolve, reject) => enqueue({ key: keyOf(item), item, resolve, reject }));
}

/** batchedBy for plain string keys. */
export function batched<V>(
  load: (keys: string[]) => Promise<Map<string, V>>,
  maxBatch = 5000,
): (key: string) => Promise<V | undefined> {
  return batchedBy((key: string) => key, load, maxBatch);
}

/**
 * Coalesces writes into one `write` per round (see inRounds), in the order they were asked for. If a round's
 * write fails, each item is retried on its own with `writeOne`, so one bad item fails only its own caller.
 */
export function writesInRounds<T>(
  write: (items: T[]) => Promise<void>,
  writeOne: (item: T) => Promise<void>,
): (item: T) => Promise<void> {
  type Entry = Settle<void> & { item: T };
  const enqueue = inRounds<Entry>(async (entries) => {
    try {
      await write(entries.map((e) => e.item));
      entries.forEach((e) => e.resolve());
    } catch {
      await Promise.all(entries.map((e) => writeOne(e.item).then(e.resolve, e.reject)));
    }
  });
  return (item) => new Promise((resolve, reject) => enqueue({ item, resolve, reject }));
}
