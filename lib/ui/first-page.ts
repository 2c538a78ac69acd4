import { DomainError } from "@/lib/errors";
import { toJson, type Jsonify } from "./json";

/**
 * The first page of a list, rendered on the server from the same REST URL that SWR then refreshes (no skeleton).
 * Null when a hand-edited URL has a bad filter: the table then shows the route's own message.
 */
export async function loadFirstPage<T>(
  key: string,
  list: (query: Record<string, string>) => Promise<T>,
): Promise<{ key: string; data: Jsonify<T> } | null> {
  try {
    return { key, data: toJson(await list(Object.fromEntries(new URL(key, "http://x").searchParams))) };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return null;
  }
}
