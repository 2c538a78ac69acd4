import type { ComponentProps, ReactNode } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./ui/table";

type DataAttributes = { [data: `data-${string}`]: string | undefined };

export type Column<T> = {
  header?: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
  /** Further attributes of the cell (a test id, a title). */
  props?: (row: T) => ComponentProps<"td"> & DataAttributes;
};

type RowProps = ComponentProps<"tr"> & DataAttributes;

/** A small table rendered from column definitions: for lists that the server gives whole or a page at a time. */
export function SimpleTable<T>({
  columns,
  rows,
  rowKey,
  rowProps,
  rowTestId,
  emptyRow,
  bodyClassName,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => RowProps;
  rowTestId?: string;
  /** A row spanning every column, shown when `rows` is empty. */
  emptyRow?: ReactNode;
  bodyClassName?: string;
}) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {columns.map((c, i) => (
            <TableHead key={i}>{c.header}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody className={bodyClassName}>
        {rows.length === 0 && emptyRow && (
          <TableRow>
            <TableCell colSpan={columns.length} className="text-muted-foreground">
              {emptyRow}
            </TableCell>
          </TableRow>
        )}
        {rows.map((row) => (
          <TableRow key={rowKey(row)} data-testid={rowTestId} {...rowProps?.(row)}>
            {columns.map((c, i) => (
              <TableCell key={i} className={c.className} {...c.props?.(row)}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
