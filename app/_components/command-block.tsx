import { cn } from "@/lib/ui/cn";
import { CopyButton } from "./copy-button";

/** How a block looks: a snippet inside a one-time secret box, or an example in a help text. */
const LOOKS = {
  snippet: { title: "text-xs font-medium", pre: "bg-background overflow-x-auto rounded border p-2" },
  example: {
    title: "text-foreground font-medium",
    pre: "bg-muted rounded-md p-3 whitespace-pre-wrap [overflow-wrap:anywhere]",
  },
};

/** A titled block of text to paste somewhere (a command, a compose file) with its copy button. */
export function CommandBlock({
  title,
  value,
  copyLabel,
  testId,
  look,
}: {
  title: string;
  value: string;
  copyLabel?: string;
  testId?: string;
  look: keyof typeof LOOKS;
}) {
  return (
    <div className="grid gap-1">
      <div className="flex items-center justify-between gap-2">
        <span className={LOOKS[look].title}>{title}</span>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <pre className={cn("text-xs", LOOKS[look].pre)} data-testid={testId}>
        {value}
      </pre>
    </div>
  );
}
