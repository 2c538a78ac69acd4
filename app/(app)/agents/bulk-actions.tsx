"use client";
import { useState, useTransition, type ReactNode } from "react";
import useSWR from "swr";
import { Button } from "@/app/_components/ui/button";
import { DialogFooter } from "@/app/_components/ui/dialog";
import { DialogFrame } from "@/app/_components/dialog-frame";
import { ErrorLine, InputField, SelectField } from "@/app/_components/form-field";
import { fetchJson } from "@/lib/ui/json";
import { runBulk, selectionCount, summaryText, type BulkSummary, type Selection } from "./bulk-request";

const plural = (n: number) => `${n.toLocaleString("en-US")} gateway${n === 1 ? "" : "s"}`;

/** "a=1,b" → {a: "1", b: ""}: the tag syntax the filters use. */
function parseTags(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    out[eq < 0 ? part : part.slice(0, eq).trim()] = eq < 0 ? "" : part.slice(eq + 1).trim();
  }
  return out;
}

type ActionProps = { selection: Selection; onDone: (s: BulkSummary) => void };

/**
 * One bulk action: a button opening a dialog that states how many gateways it acts on, with the action's own fields.
 * The server answers for the whole selection in one request; the dialog keeps a refusal on screen.
 */
function BulkAction({
  label,
  verb,
  destructive,
  fields,
  body,
  selection,
  onDone,
}: ActionProps & {
  label: string;
  verb: (count: string) => string;
  destructive?: boolean;
  fields?: ReactNode;
  body: () => Record<string, unknown> | string;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const count = plural(selectionCount(selection));
  return (
    <DialogFrame
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
      trigger={
        <Button variant="outline" size="sm">
          {label}
        </Button>
      }
      title={`${label}: ${count}`}
      description={`This acts on ${count}${"ids" in selection ? " selected" : " matching the filters"}.`}
    >
      {fields}
      <ErrorLine error={error} />
      <DialogFooter>
        <Button variant="outline" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant={destructive ? "destructive" : "default"}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const b = body();
              if (typeof b === "string") return setError(b);
              const r = await runBulk(selection, b);
              if (!r.ok) return setError(r.error);
              setOpen(false);
              onDone(r.summary);
            })
          }
        >
          {pending ? "Working…" : verb(count)}
        </Button>
      </DialogFooter>
    </DialogFrame>
  );
}

function TagsAction({ remove, ...props }: ActionProps & { remove?: boolean }) {
  const [text, setText] = useState("");
  const tags = parseTags(text);
  return (
    <BulkAction
      {...props}
      label={remove ? "Remove tags" : "Add tags"}
      verb={(c) => (remove ? `Remove from ${c}` : `Tag ${c}`)}
      fields={
        <InputField
          id={remove ? "bulk-remove-tags" : "bulk-add-tags"}
          label={remove ? "Tag keys (comma-separated)" : "Tags (key=value, comma-separated)"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={remove ? "team, canary" : "team=sre, canary"}
        />
      }
      body={() =>
        Object.keys(tags).length === 0
          ? "Enter at least one tag"
          : remove
            ? { action: "remove_tags", keys: Object.keys(tags) }
            : { action: "add_tags", tags }
      }
    />
  );
}

type TemplatePage = { items: { id: string; name: string; latest_version: number }[] };

function DeployAction(props: ActionProps) {
  const { data } = useSWR<TemplatePage>("/api/v1/templates?limit=100", fetchJson);
  const [templateId, setTemplateId] = useState("");
  const items = data?.items ?? [];
  const chosen = templateId || items[0]?.id || "";
  return (
    <BulkAction
      {...props}
      label="Deploy"
      verb={(c) => `Deploy to ${c}`}
      fields={
        <SelectField
          id="bulk-deploy-template"
          label="Template (latest version, all at once)"
          value={chosen}
          onChange={(e) => setTemplateId(e.target.value)}
          options={items.map((t) => ({ value: t.id, label: `${t.name} v${t.latest_version}` }))}
        />
      }
      body={() => (chosen ? { action: "deploy", template_id: chosen } : "No template to deploy: create one first")}
    />
  );
}

/** The actions on a selection, shown above the table while something is selected. */
export function BulkActions(props: ActionProps) {
  return (
    <div className="flex flex-wrap gap-2">
      <TagsAction {...props} />
      <TagsAction {...props} remove />
      <DeployAction {...props} />
      <BulkAction {...props} label="Restart" verb={(c) => `Restart ${c}`} body={() => ({ action: "restart" })} />
      <BulkAction
        {...props}
        label="Rotate tokens"
        destructive
        verb={(c) => `Rotate tokens of ${c}`}
        body={() => ({ action: "rotate_token" })}
      />
      <BulkAction
        {...props}
        label="Delete"
        destructive
        verb={(c) => `Delete ${c}`}
        body={() => ({ action: "delete" })}
      />
    </div>
  );
}

export { summaryText };
