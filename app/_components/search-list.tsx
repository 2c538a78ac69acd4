import type { ReactNode } from "react";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Pagination } from "./pagination";

/** A list page's body: the search-by-name form, the table given as children, and the page links. */
export function SearchList({
  q,
  label,
  path,
  page,
  total,
  limit,
  children,
}: {
  q: string;
  /** The search box's accessible name. */
  label: string;
  /** The list's own path, for the page links. */
  path: string;
  page: number;
  total: number;
  limit: number;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-4">
      <form className="flex gap-2" role="search">
        <Input name="q" defaultValue={q} placeholder="Search by name" aria-label={label} className="w-64" />
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      {children}
      <Pagination
        page={page}
        total={total}
        limit={limit}
        href={(p) => `${path}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`}
      />
    </div>
  );
}
