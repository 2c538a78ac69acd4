"use client";
import type { ReactNode } from "react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type PaginationState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./ui/table";

export type DataTableProps<T> = {
  // ColumnDef<T, any> is TanStack's own idiom for columns with mixed value types.
  columns: ColumnDef<T, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- TanStack types each column's value separately
  /** The current page from the server; undefined while the first page loads (skeleton). */
  data: T[] | undefined;
  total: number;
  pagination: PaginationState;
  sorting: SortingState;
  onPaginationChange: (next: PaginationState) => void;
  onSortingChange: (next: SortingState) => void;
  getRowId: (row: T) => string;
  /** Shown instead of the table when the page is empty (no rows at all, or no matches for the filters). */
  empty: ReactNode;
  pageSizes?: number[];
  rowTestId?: string;
};

const resolve = <S,>(u: Updater<S>, prev: S): S => (typeof u === "function" ? (u as (p: S) => S)(prev) : u);

/** A TanStack table whose paging and sorting happen on the server: it only renders what it is given. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { pagination, sorting, total } = props;
  const table = useReactTable({
    data: props.data ?? [],
    columns: props.columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    sortDescFirst: false,
    rowCount: total,
    state: { pagination, sorting },
    onPaginationChange: (u) => props.onPaginationChange(resolve(u, pagination)),
    onSortingChange: (u) => props.onSortingChange(resolve(u, sorting)),
  });
  const columnCount = props.columns.length;

  if (props.data && props.data.length === 0) return <>{props.empty}</>;
  return (
    <div className="grid gap-3">
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="hover:text-foreground inline-flex items-center gap-1"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {label}
                          {sorted === "asc" ? (
                            <ArrowUp className="size-3.5" />
                          ) : sorted === "desc" ? (
                            <ArrowDown className="size-3.5" />
                          ) : (
                            <ArrowUpDown className="size-3.5 opacity-40" />
                          )}
                        </button>
                      ) : (
                        label
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {props.data === undefined ? (
              <SkeletonRows rows={Math.min(pagination.pageSize, 8)} columns={columnCount} />
            ) : (
              table.getRowModel().rows.map((row) => (
                <TableRow key={row.id} data-testid={props.rowTestId}>
                  {row.getVisibleCells().map((cell) => (
                    <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <Pager {...props} pageCount={table.getPageCount()} />
    </div>
  );
}

function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return Array.from({ length: rows }, (_, r) => (
    <TableRow key={r} data-testid="skeleton-row">
      {Array.from({ length: columns }, (_, c) => (
        <TableCell key={c}>
          <div className="bg-muted h-4 w-full max-w-32 animate-pulse rounded" />
        </TableCell>
      ))}
    </TableRow>
  ));
}

function Pager<T>({
  pagination,
  total,
  pageCount,
  onPaginationChange,
  pageSizes = [10, 25, 50, 100],
}: DataTableProps<T> & { pageCount: number }) {
  const { pageIndex, pageSize } = pagination;
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  return (
    <div className="text-muted-foreground flex flex-wrap items-center justify-between gap-3 text-sm">
      <span data-testid="table-range">
        {from}–{to} of {total}
      </span>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          Rows
          <select
            aria-label="Rows per page"
            className="border-input h-8 rounded-md border bg-transparent px-2"
            value={pageSize}
            onChange={(e) => onPaginationChange({ pageIndex: 0, pageSize: Number(e.target.value) })}
          >
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span className="tabular-nums">
          Page {pageIndex + 1} of {Math.max(pageCount, 1)}
        </span>
        <Button
          variant="outline"
          size="icon"
          aria-label="Previous page"
          disabled={pageIndex === 0}
          onClick={() => onPaginationChange({ pageIndex: pageIndex - 1, pageSize })}
        >
          <ChevronLeft />
        </Button>
        <Button
          variant="outline"
          size="icon"
          aria-label="Next page"
          disabled={pageIndex + 1 >= pageCount}
          onClick={() => onPaginationChange({ pageIndex: pageIndex + 1, pageSize })}
        >
          <ChevronRight />
        </Button>
      </div>
    </div>
  );
}
