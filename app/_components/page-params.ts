import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A 1-based page number from the query (`?page=`, `?vpage=`); anything else is page 1. */
export function pageParam(sp: SearchParams, key: string): number {
  return Math.max(1, Number.parseInt(String(sp[key] ?? "1"), 10) || 1);
}

/** For `.catch()` on a page's reads: an unknown or foreign id renders the 404 page. */
export function notFoundOr(err: unknown): never {
  if (err instanceof NotFoundError) notFound();
  throw err;
}

/** The `?q=` search text, trimmed and capped. */
export function searchParam(sp: SearchParams): string {
  return typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "";
}
