import type { ReactNode } from "react";

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div
      className="flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-10 text-center"
      data-testid="empty-state"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="text-muted-foreground max-w-prose text-sm">{children}</div>
      {action}
    </div>
  );
}
