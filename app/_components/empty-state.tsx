import type { ReactNode } from "react";
import Link from "next/link";
import { Button } from "./ui/button";

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

/** The fleet is empty: the way in is a registration token. */
export function NoGatewaysYet({ children }: { children: ReactNode }) {
  return (
    <EmptyState
      title="No gateways yet"
      action={
        <Button asChild>
          <Link href="/registration-tokens">Create a registration token</Link>
        </Button>
      }
    >
      {children}
    </EmptyState>
  );
}
