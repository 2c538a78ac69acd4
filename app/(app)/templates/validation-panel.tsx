"use client";
import { CircleAlert, CircleCheck, LoaderCircle, TriangleAlert } from "lucide-react";
import type { EditorIssue } from "./yaml-editor";

/** The validation result beside the editor: a summary, then every issue with its line; clicking jumps there. */
export function ValidationPanel({
  issues,
  pending,
  error,
  onJump,
}: {
  issues: EditorIssue[] | null;
  pending: boolean;
  error: string | null;
  onJump: (line: number, column?: number) => void;
}) {
  const errors = issues?.filter((i) => i.severity === "error").length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  return (
    <section aria-label="Validation" className="grid gap-2" data-testid="validation-panel">
      <div className="flex items-center gap-2 text-sm" role="status" data-testid="validation-summary">
        {pending && <LoaderCircle className="text-muted-foreground size-4 animate-spin" aria-hidden />}
        {error ? (
          <span className="text-destructive">{error}</span>
        ) : issues === null ? (
          <span className="text-muted-foreground">Validating…</span>
        ) : errors === 0 ? (
          <span className="text-success flex items-center gap-1">
            <CircleCheck className="size-4" aria-hidden />
            Valid{warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}
          </span>
        ) : (
          <span className="text-destructive flex items-center gap-1">
            <CircleAlert className="size-4" aria-hidden />
            {errors} error{errors === 1 ? "" : "s"}
            {warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}
          </span>
        )}
      </div>
      {issues && issues.length > 0 && (
        <ul className="grid max-h-64 gap-1 overflow-auto text-sm">
          {issues.map((issue, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => issue.line && onJump(issue.line, issue.column)}
                className="hover:bg-accent flex w-full items-start gap-2 rounded px-2 py-1 text-left"
                data-testid={`issue-${issue.severity}`}
              >
                {issue.severity === "error" ? (
                  <CircleAlert className="text-destructive mt-0.5 size-4 shrink-0" aria-label="error" />
                ) : (
                  <TriangleAlert className="text-warning mt-0.5 size-4 shrink-0" aria-label="warning" />
                )}
                <span className="text-muted-foreground shrink-0 font-mono text-xs leading-5">
                  {issue.line ? `Line ${issue.line}` : "Config"}
                </span>
                <span>{issue.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
