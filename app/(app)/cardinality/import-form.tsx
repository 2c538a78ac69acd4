"use client";
import { useActionState, useRef } from "react";
import { ErrorLine, Field, InputField, SelectField, SubmitButton } from "@/app/_components/form-field";
import type { ActionResult } from "@/lib/ui/action";
import { importReferencesAction, type ImportedSource } from "./actions";

const KINDS = [
  { value: "grafana_dashboard", label: "Grafana dashboard (JSON)" },
  { value: "prometheus_rules", label: "Prometheus / Mimir rule file (YAML)" },
  { value: "name_list", label: "List of metric names" },
];

/** Imports what the backends read; a chosen file fills the text box (only the names read from it are stored). */
export function ImportForm() {
  const [state, action, pending] = useActionState<ActionResult<ImportedSource>, FormData>(importReferencesAction, {
    ok: false,
  });
  const content = useRef<HTMLTextAreaElement>(null);
  return (
    <form action={action} className="grid gap-3" data-testid="import-references">
      <div className="flex flex-wrap items-end gap-3">
        <InputField id="ref-name" label="Name" name="name" placeholder="API dashboard" required className="w-64" />
        <SelectField id="ref-kind" label="Kind" name="kind" options={KINDS} defaultValue="grafana_dashboard" />
        <Field id="ref-file" label="File">
          <input
            id="ref-file"
            type="file"
            accept=".json,.yaml,.yml,.txt"
            className="text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file && content.current) content.current.value = await file.text();
            }}
          />
        </Field>
      </div>
      <Field id="ref-content" label="Content">
        <textarea
          id="ref-content"
          ref={content}
          name="content"
          required
          rows={6}
          className="border-input rounded-md border bg-transparent p-2 font-mono text-xs"
          placeholder="Paste the dashboard JSON, the rule file, or one metric name per line"
        />
      </Field>
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} label="Import" busyLabel="Importing…" />
        {state.ok && state.data && (
          <p className="text-muted-foreground text-sm" role="status">
            {state.data.name}: {state.data.names} metric name{state.data.names === 1 ? "" : "s"}
            {state.data.patterns ? `, ${state.data.patterns} patterns` : ""}
            {state.data.warnings.length ? `; ${state.data.warnings.length} warnings (see below)` : ""}
          </p>
        )}
      </div>
      <ErrorLine error={state.ok ? null : state.error} />
    </form>
  );
}
