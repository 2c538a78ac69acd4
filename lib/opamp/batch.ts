type Waiter<V> = { resolve(v: V | undefined): void; reject(e: unknown): void };

/**
 * Coalesces look-ups into one query per round: keys asked for while a round's query runs wait for the next round,
 * so batches grow with load (a fleet connecting) while a lone look-up still costs one round trip. Every answer
 * comes from a query started after it was asked (nothing is cached). Items are keyed by `keyOf`; `load` gets the
 * first item of each distinct key and answers by key.
 */
export function batchedBy<T, V>(keyOf: (item: T) => string, load: (items: T[]) => Promise<Map<string, V>>, maxBatch = 5000): (item: T) => Promise<V | undefined> {
  let queue = new Map<string, { item: T; waiters: Waiter<V>[] }>();
  let busy = false;

  const round = async (): Promise<void> => {
    const all = [...queue.entries()];
    queue = new Map();
    const parts: Array<typeof all> = [];
    for (let i = 0; i < all.length; i += maxBatch) parts.push(all.slice(i, i + maxBatch));
    await Promise.all(parts.map(async (part) => {
      try {
        const found = await load(part.map(([, q]) => q.item));
        for (const [key, q] of part) q.waiters.forEach((w) => w.resolve(found.get(key)));
      } catch (err) {
        for (const [, q] of part) q.waiters.forEach((w) => w.reject(err));
      }
    }));
  };

  const run = async (): Promise<void> => {
    while (queue.size > 0) await round();
    busy = false;
  };

  return (item) => new Promise<V | undefined>((resolve, reject) => {
    const key = keyOf(item);
    const queued = queue.get(key);
    if (queued) queued.waiters.push({ resolve, reject });
    else queue.set(key, { item, waiters: [{ resolve, reject }] });
    if (!busy) {
      busy = true;
      setImmediate(() => void run()); // the rest of this burst of I/O callbacks joins the first round
    }
  });
}

/** batchedBy for plain string keys. */
export function batched<V>(load: (keys: string[]) => Promise<Map<string, V>>, maxBatch = 5000): (key: string) => Promise<V | undefined> {
  return batchedBy((key: string) => key, load, maxBatch);
}
