import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { CopyButton } from "./copy-button";

/** A just-created secret (API key, token, signing secret), shown once with a copy button. */
export function OneTimeSecret({
  message,
  value,
  copyLabel,
  testId,
  valueTestId,
  className = "gap-2 p-4",
  children,
}: {
  message: ReactNode;
  value: string;
  copyLabel?: string;
  testId: string;
  valueTestId?: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={cn("bg-muted/50 grid rounded-md border", className)} data-testid={testId}>
      <p className="text-sm font-medium">{message}</p>
      <div className="flex items-center gap-2">
        <code className="bg-background truncate rounded border px-2 py-1 text-xs" data-testid={valueTestId}>
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      {children}
    </div>
  );
}
