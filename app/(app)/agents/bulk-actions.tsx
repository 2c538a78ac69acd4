"use client";
import { useState, type ReactNode } from "react";
import useSWR from "swr";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { InputField, SelectField } from "@/app/_components/form-field";
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
  const count = plural(selectionCount(selection));
  return (
    <ConfirmDialog
      trigger={label}
      texts={{
        title: `${label}: ${count}`,
        description: `This acts on ${count}${"ids" in selection ? " selected" : " matching the filters"}.`,
        confirmLabel: verb(count),
      }}
      destructive={!!destructive}
      onConfirm={async () => {
        const b = body();
        if (typeof b === "string") return { ok: false, error: b };
        const r = await runBulk(selection, b);
        if (r.ok) onDone(r.summary);
        return r;
      }}
    >
      {fields}
    </ConfirmDialog>
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
