import { cn } from "@/lib/ui/cn";

/** A unified diff, coloured by line kind. */
export function DiffView({ diff, empty = "No differences." }: { diff: string; empty?: string }) {
  if (!diff)
    return (
      <p className="text-muted-foreground text-sm" data-testid="diff-empty">
        {empty}
      </p>
    );
  const lines = diff.replace(/\n$/, "").split("\n");
  return (
    <pre
      className="bg-muted/40 max-h-[32rem] overflow-auto rounded-md border p-3 font-mono text-xs leading-5"
      data-testid="diff-view"
    >
      <code>
        {lines.map((line, i) => (
          <div
            key={i}
            className={cn(
              "whitespace-pre",
              line.startsWith("@@") && "text-muted-foreground",
              line.startsWith("+") && !line.startsWith("+++") && "bg-success/15",
              line.startsWith("-") && !line.startsWith("---") && "bg-destructive/15",
              (line.startsWith("+++") || line.startsWith("---")) && "font-semibold",
            )}
          >
            {line}
          </div>
        ))}
      </code>
    </pre>
  );
}
