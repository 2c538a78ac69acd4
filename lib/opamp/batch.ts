/**
 * Coalesces look-ups that arrive in the same burst of I/O callbacks (e.g. thousands of agents connecting) into one
 * query: `load` gets the distinct keys and answers for each. A look-up never waits for more than the current turn
 * of the event loop, and always sees the database as of its own query (nothing is cached).
 */
export function batched<K, V>(load: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 5000): (key: K) => Promise<V | undefined> {
  let queue = new Map<K, Array<{ resolve(v: V | undefined): void; reject(e: unknown): void }>>();
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const all = [...queue];
    queue = new Map();
    for (let i = 0; i < all.length; i += maxBatch) {
      const part = all.slice(i, i + maxBatch);
      load(part.map(([k]) => k)).then(
        (found) => part.forEach(([k, ws]) => ws.forEach((w) => w.resolve(found.get(k)))),
        (err) => part.forEach(([, ws]) => ws.forEach((w) => w.reject(err))),
      );
    }
  };
  return (key) => new Promise<V | undefined>((resolve, reject) => {
    const waiting = queue.get(key);
    if (waiting) waiting.push({ resolve, reject });
    else queue.set(key, [{ resolve, reject }]);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
}
