/**
 * server.ts (run by tsx) and Next's bundled route code load separate copies of every module, so a plain
 * module-level variable would exist twice. Process-wide state lives on globalThis under a registered symbol.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`flowgate.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  if (store[key] === undefined) store[key] = create();
  return store[key] as T;
}

/** Drops a singleton so the next processSingleton call creates it again (used on shutdown). */
export function clearProcessSingleton(name: string): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`flowgate.${name}`)];
}

/** Closes a singleton that was created (on shutdown), and drops it so the next use creates it again. */
export async function closeProcessSingleton<T>(name: string, close: (value: T) => Promise<void>): Promise<void> {
  const pending = (globalThis as unknown as Record<symbol, Promise<T> | undefined>)[Symbol.for(`flowgate.${name}`)];
  if (!pending) return;
  clearProcessSingleton(name);
  await close(await pending);
}
