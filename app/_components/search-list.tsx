import type { ReactNode } from "react";
import Link from "next/link";
import type { Page } from "@/lib/http/pagination";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";
import { pageParam, searchParam, type SearchParams } from "./page-params";
import { Pagination } from "./pagination";
import { SimpleTable, type Column } from "./simple-table";
import { Button } from "./ui/button";
import { Input } from "./ui/input";

const PAGE_SIZE = 20;

/** What a list page reads: a page of rows (`?page=`) whose name matches the search text (`?q=`), if any. */
export type ListQuery = { page: number; limit: number; q?: string };

/** The "Name" column: the row's name linking to its page under `path`, then whatever `after` adds. */
export function nameColumn<T extends { id: string; name: string }>(
  path: string,
  after: (row: T) => ReactNode,
): Column<T> {
  return {
    header: "Name",
    className: "font-medium",
    cell: (t) => (
      <>
        <Link href={`${path}/${t.id}`} className="hover:underline">
          {t.name}
        </Link>
        {after(t)}
      </>
    ),
  };
}

/**
 * A list page searchable by name: the header, then an empty state while the org has no row at all, else the search
 * form, one page of the table and the page links. `noun` names a row ("template": test ids, the no-match row, and
 * the list's own path, /templates, for the page links). `list` reads the page the query asks for.
 */
export async function SearchListPage<T extends { id: string }>({
  title,
  description,
  actions,
  emptyTitle,
  emptyAction,
  emptyText,
  noun,
  searchParams,
  list,
  columns,
}: {
  title: string;
  description: string;
  actions: ReactNode;
  emptyTitle: string;
  emptyAction: ReactNode;
  emptyText: ReactNode;
  noun: string;
  searchParams: Promise<SearchParams>;
  list: (query: ListQuery) => Promise<Page<T>>;
  columns: Column<T>[];
}) {
  const sp = await searchParams;
  const q = searchParam(sp);
  const result = await list({ page: pageParam(sp, "page"), limit: PAGE_SIZE, q: q || undefined });
  const { page, total, limit } = result;
  const path = `/${noun}s`;
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      {total === 0 && !q ? (
        <EmptyState title={emptyTitle} action={emptyAction}>
          {emptyText}
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          <form className="flex gap-2" role="search">
            <Input
              name="q"
              defaultValue={q}
              placeholder="Search by name"
              aria-label={`Search ${title.toLowerCase()}`}
              className="w-64"
            />
            <Button type="submit" variant="outline">
              Search
            </Button>
          </form>
          <SimpleTable
            columns={columns}
            rows={result.items}
            rowKey={(t) => t.id}
            rowTestId={`${noun}-row`}
            emptyRow={
              <>
                No {noun} matches “{q}”.
              </>
            }
          />
          <Pagination
            page={page}
            total={total}
            limit={limit}
            href={(p) => `${path}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`}
          />
        </div>
      )}
    </>
  );
}
