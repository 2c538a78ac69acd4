"use client";
import { DataTable, type DataTableProps } from "./data-table";

/** A list's query kept in the URL, the server's page for it (undefined until the first arrives), and how to move. */
export type PageSource<T, Q extends { page: number; limit: number }> = {
  query: Q;
  data: { items: T[]; total: number; page?: number } | undefined;
  error: Error | undefined;
  navigate: (next: Q) => void;
  isValidating?: boolean;
};

type PagedTableProps<T, Q extends { page: number; limit: number }> = Omit<
  DataTableProps<T>,
  "data" | "total" | "pagination" | "onPaginationChange" | "sorting" | "onSortingChange" | "getRowId"
> &
  Partial<Pick<DataTableProps<T>, "sorting" | "onSortingChange">> & {
    source: PageSource<T, Q>;
    /** When set, the table is marked busy and dimmed while another page loads. */
    showBusy?: boolean;
  };

/** A server-paged DataTable with its fetch error line: a failed refresh keeps the rows it had. */
export function PagedTable<T extends { id: string }, Q extends { page: number; limit: number }>({
  source,
  showBusy,
  sorting = [],
  onSortingChange = () => {},
  ...rest
}: PagedTableProps<T, Q>) {
  const { query, data: list, error } = source;
  const table = (
    <DataTable
      {...rest}
      getRowId={(row) => row.id}
      data={list?.items ?? (error ? [] : undefined)}
      total={list?.total ?? 0}
      pagination={{ pageIndex: query.page - 1, pageSize: query.limit }}
      sorting={sorting}
      onPaginationChange={(p) => source.navigate({ ...query, page: p.pageIndex + 1, limit: p.pageSize })}
      onSortingChange={onSortingChange}
    />
  );
  const busy = source.isValidating;
  return (
    <>
      {error && (
        <p role="alert" className="text-destructive mb-3 text-sm">
          {list ? `Could not refresh: ${error.message}` : error.message}
        </p>
      )}
      {!showBusy ? (
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
