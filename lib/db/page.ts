import type { Page } from "../http/pagination";

/**
 * One page of a list and the list's total, queried together: `rows` gets the limit and offset of the page asked
 * for, `total` counts every row the list's filter matches.
 */
export async function pageOf<T>(
  { page, limit }: { page: number; limit: number },
  rows: (limit: number, offset: number) => Promise<T[]>,
  total: () => Promise<{ n: number }[]>,
): Promise<Page<T>> {
  const [items, [{ n }]] = await Promise.all([rows(limit, (page - 1) * limit), total()]);
  return { items, total: Number(n), page, limit };
}
