import { cn } from "@/lib/ui/cn";
import { CopyButton } from "./copy-button";

/** A titled block of text to paste somewhere (a command, a compose file) with its copy button. */
export function CommandBlock({
  title,
  value,
  copyLabel,
  testId,
  titleClassName,
  preClassName,
}: {
  title: string;
  value: string;
  copyLabel?: string;
  testId?: string;
  titleClassName: string;
  preClassName: string;
}) {
  return (
    <div className="grid gap-1">
      <div className="flex items-center justify-between gap-2">
        <span className={titleClassName}>{title}</span>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <pre className={cn("text-xs", preClassName)} data-testid={testId}>
        {value}
      </pre>
    </div>
  );
}
