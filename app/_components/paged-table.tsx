"use client";
import { DataTable, type DataTableProps } from "./data-table";

type PageQuery = { page: number; limit: number };

type PagedTableProps<T> = Omit<
  DataTableProps<T>,
  "data" | "total" | "pagination" | "onPaginationChange" | "sorting" | "onSortingChange"
> &
  Partial<Pick<DataTableProps<T>, "sorting" | "onSortingChange">> & {
    query: PageQuery;
    /** Called with the page and page size picked in the pager. */
    onPage: (next: PageQuery) => void;
    /** The server's page, undefined until the first one arrives. */
    data: { items: T[]; total: number; page?: number } | undefined;
    error: Error | undefined;
    /** When given, the table is marked busy and dimmed while another page loads. */
    busy?: boolean;
  };

/** A server-paged DataTable with its fetch error line: a failed refresh keeps the rows it had. */
export function PagedTable<T>({
  query,
  onPage,
  data: list,
  error,
  busy,
  sorting = [],
  onSortingChange = () => {},
  ...rest
}: PagedTableProps<T>) {
  const table = (
    <DataTable
      {...rest}
      data={list?.items ?? (error ? [] : undefined)}
      total={list?.total ?? 0}
      pagination={{ pageIndex: query.page - 1, pageSize: query.limit }}
      sorting={sorting}
      onPaginationChange={(p) => onPage({ page: p.pageIndex + 1, limit: p.pageSize })}
      onSortingChange={onSortingChange}
    />
  );
  return (
    <>
      {error && (
        <p role="alert" className="text-destructive mb-3 text-sm">
          {list ? `Could not refresh: ${error.message}` : error.message}
        </p>
      )}
      {busy === undefined ? (
        table
      ) : (
        <div
          aria-busy={busy}
          className={busy && list?.page !== query.page ? "opacity-60 transition-opacity" : undefined}
        >
          {table}
        </div>
      )}
    </>
  );
}
