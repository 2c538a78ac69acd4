import type { ReactNode } from "react";
import type { Page } from "@/lib/http/pagination";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";
import { Pagination } from "./pagination";
import { SimpleTable, type Column } from "./simple-table";
import { Button } from "./ui/button";
import { Input } from "./ui/input";

/**
 * A list page searchable by name: the header, then an empty state while the org has no row at all, else the search
 * form, one page of the table and the page links. `noun` names a row ("template": test ids, the no-match row).
 */
export function SearchListPage<T extends { id: string }>({
  title,
  description,
  actions,
  emptyTitle,
  emptyAction,
  emptyText,
  noun,
  path,
  q,
  result,
  columns,
}: {
  title: string;
  description: string;
  actions: ReactNode;
  emptyTitle: string;
  emptyAction: ReactNode;
  emptyText: ReactNode;
  noun: string;
  /** The list's own path, for the page links. */
  path: string;
  q: string;
  result: Page<T>;
  columns: Column<T>[];
}) {
  const { page, total, limit } = result;
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
