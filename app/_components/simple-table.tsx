import type { ComponentProps, ElementType, ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./ui/table";

export type DataAttributes = { [data: `data-${string}`]: string | undefined };

export type Column<T> = {
  header?: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes of the column's cells. */
  className?: string;
  /** Classes of the column's header. */
  headClassName?: string;
  /** Further attributes of the cell (a test id, a title). */
  props?: (row: T) => ComponentProps<"td"> & DataAttributes;
};

export type RowProps = ComponentProps<"tr"> & DataAttributes;

function PlainHeader(props: ComponentProps<"thead">) {
  return <thead className="text-muted-foreground text-left text-xs" {...props} />;
}

/**
 * The elements a table is drawn with: shadcn's (padded rows with hover, for lists), or bare ones with small muted
 * headers (for figures and breakdowns inside a card, where the shadcn table would be too heavy).
 */
const PARTS: Record<"shadcn" | "plain", Record<"table" | "thead" | "tbody" | "tr" | "th" | "td", ElementType>> = {
  shadcn: { table: Table, thead: TableHeader, tbody: TableBody, tr: TableRow, th: TableHead, td: TableCell },
  plain: { table: "table", thead: PlainHeader, tbody: "tbody", tr: "tr", th: "th", td: "td" },
};

/** A small table rendered from column definitions: for lists that the server gives whole or a page at a time. */
export function SimpleTable<T>({
  columns,
  rows,
  rowKey,
  rowProps,
  rowTestId,
  emptyRow,
  bodyClassName,
  variant = "shadcn",
  className,
  headClassName,
  testId,
}: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => RowProps;
  rowTestId?: string;
  /** A row spanning every column, shown when `rows` is empty. */
  emptyRow?: ReactNode;
  bodyClassName?: string;
  variant?: keyof typeof PARTS;
  /** Classes of the table itself. */
  className?: string;
  /** Classes of every header cell. */
  headClassName?: string;
  testId?: string;
}) {
  const P = PARTS[variant];
  return (
    <P.table className={className} data-testid={testId}>
      <P.thead>
        <P.tr>
          {columns.map((c, i) => (
            <P.th key={i} className={cn(c.headClassName, headClassName) || undefined}>
              {c.header}
            </P.th>
          ))}
        </P.tr>
      </P.thead>
      <P.tbody className={bodyClassName}>
        {rows.length === 0 && emptyRow && (
          <P.tr>
            <P.td colSpan={columns.length} className={cn("text-muted-foreground", variant === "plain" && "py-1")}>
              {emptyRow}
            </P.td>
          </P.tr>
        )}
        {rows.map((row) => (
          <P.tr key={rowKey(row)} data-testid={rowTestId} {...rowProps?.(row)}>
            {columns.map((c, i) => (
              <P.td key={i} className={c.className} {...c.props?.(row)}>
                {c.cell(row)}
              </P.td>
            ))}
          </P.tr>
        ))}
      </P.tbody>
    </P.table>
  );
}
