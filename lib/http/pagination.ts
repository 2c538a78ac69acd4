import { z } from "zod";

/**
 * The `page` and `limit` query parameters of a list (strings from the URL, or numbers from a server action),
 * with the list's own cap and default. Every list answers `{items, total, page, limit}` with them.
 */
export function pageQuery({ maxLimit, defaultLimit }: { maxLimit: number; defaultLimit: number }) {
  const count = () =>
    z.coerce.number({ error: "must be a number" }).int("must be an integer").min(1, "must be at least 1");
  return z.object({
    page: count().default(1),
    limit: count().max(maxLimit, `must be at most ${maxLimit}`).default(defaultLimit),
  });
}

/** The `{items, total, page, limit}` body of every list. */
export type Page<T> = { items: T[]; total: number; page: number; limit: number };
