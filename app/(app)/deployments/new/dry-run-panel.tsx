"use client";
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { dryRunAction, type DryRunResult } from "../actions";

/** Renders what one matched gateway would receive and diffs it against the config that gateway runs now. */
export function DryRunPanel({
  templateId,
  version,
  gateway,
}: {
  templateId: string;
  version?: number;
  gateway: { id: string; name: string } | null;
}) {
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [pending, startTransition] = useTransition();
  if (!gateway || !templateId)
    return (
      <p className="text-muted-foreground text-sm">Pick a template and a target to dry-run it on a matched gateway.</p>
    );
  const d = result?.ok ? result.data : undefined;
  return (
    <div className="grid gap-3" data-testid="dry-run">
      <div>
        <Button
          type="button"
          variant="outline"
          disabled={pending}
          onClick={() =>
            startTransition(async () =>
              setResult(await dryRunAction({ template_id: templateId, version, gateway_id: gateway.id })),
            )
          }
        >
          {pending ? "Rendering…" : `Dry run on ${gateway.name}`}
        </Button>
      </div>
      {result && !result.ok && (
        <p role="alert" className="text-destructive text-sm">
          {result.error}
        </p>
      )}
      {d && (
        <div className="grid gap-2 text-sm">
          <p>
            Config hash <code className="text-xs">{d.config_hash.slice(0, 16)}…</code>
            {" · "}
            {d.validation.valid ? (
              <span className="text-success">valid</span>
            ) : (
              <span className="text-destructive">{d.validation.errors.length} validation error(s)</span>
            )}
            {d.validation.warnings.length > 0 && (
              <span className="text-muted-foreground"> · {d.validation.warnings.length} warning(s)</span>
            )}
            {" · "}
            {d.changes_desired_config
              ? `+${d.added} −${d.removed} lines against ${d.current.has_effective_config ? "its effective config" : "nothing reported yet"}`
              : "already this gateway's desired config"}
          </p>
          <pre className="bg-muted/40 max-h-96 overflow-auto rounded-md border p-3 text-xs" data-testid="dry-run-diff">
            {d.diff.split("\n").map((line, i) => (
              <div
                key={i}
                className={
                  line.startsWith("+") && !line.startsWith("+++")
                    ? "text-success"
                    : line.startsWith("-") && !line.startsWith("---")
                      ? "text-destructive"
                      : undefined
                }
              >
                {line || " "}
              </div>
            ))}
          </pre>
        </div>
      )}
    </div>
  );
}
