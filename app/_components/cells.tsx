import type { ReactNode } from "react";

/** What a table cell shows for a value the row does not have. */
export const DASH = <span className="text-muted-foreground">—</span>;

/** A value shown as code (an address, an endpoint), or a dash without one. */
export function codeOrDash(value: string | null | undefined): ReactNode {
  return value ? <code className="text-xs">{value}</code> : DASH;
}
