"use client";
import { useState } from "react";
import Link from "next/link";
import { Columns3 } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { DialogFrame } from "@/app/_components/dialog-frame";
import { ErrorLine } from "@/app/_components/form-field";
import { COLUMN_LABELS } from "./agents-columns";

export type SavedView = { name: string; query: string };

/** PUT /api/v1/me/preferences/{key}: the caller's own settings, kept on the server so they follow the user. */
async function savePreference(key: string, value: unknown): Promise<string | null> {
  const res = await fetch(`/api/v1/me/preferences/${key}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(value),
  });
  if (res.ok) return null;
  const body = (await res.json().catch(() => null)) as { detail?: string } | null;
  return body?.detail ?? `Could not save (${res.status})`;
}

/** The column chooser: each change is saved at once for this user, and the table follows it. */
export function useColumnChooser(initialHidden: string[]) {
  const [hidden, setHidden] = useState(new Set(initialHidden));
  const [error, setError] = useState<string | null>(null);
  const toggle = async (id: string, show: boolean) => {
    const next = new Set(hidden);
    if (show) next.delete(id);
    else next.add(id);
    setHidden(next);
    setError(await savePreference("agents.columns", { hidden: [...next] }));
  };
  const chooser = (
    <DialogFrame
      trigger={
        <Button variant="outline" size="sm">
          <Columns3 /> Columns
        </Button>
      }
      title="Columns"
      description="Shown columns are remembered for you on this organization."
    >
      <div className="grid grid-cols-2 gap-2">
        {Object.entries(COLUMN_LABELS).map(([id, label]) => (
          <label key={id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={!hidden.has(id)}
              onChange={(e) => toggle(id, e.target.checked)}
            />
            {label}
          </label>
        ))}
      </div>
      <ErrorLine error={error} />
    </DialogFrame>
  );
  return { hidden, chooser };
}

/**
 * Saved views: a name for the current filters and sort. Each view is a plain link to /agents?<query>, so its URL is
 * what one shares; the list of names is kept per user.
 */
export function SavedViews({ initial, currentQuery }: { initial: SavedView[]; currentQuery: string }) {
  const [views, setViews] = useState(initial);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = async (next: SavedView[]) => {
    const err = await savePreference("agents.views", { views: next });
    setError(err);
    if (!err) setViews(next);
    return err;
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="saved-views">
      <span className="text-muted-foreground">Views:</span>
      {views.length === 0 && <span className="text-muted-foreground">none yet</span>}
      {views.map((v) => (
        <span key={v.name} className="inline-flex items-center gap-1">
          <Link href={`/agents${v.query ? `?${v.query}` : ""}`} className="underline-offset-2 hover:underline">
            {v.name}
          </Link>
          <button
            type="button"
            aria-label={`Delete view ${v.name}`}
            className="text-muted-foreground hover:text-foreground"
            onClick={() => save(views.filter((x) => x.name !== v.name))}
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="inline-flex items-center gap-1"
        onSubmit={async (e) => {
          e.preventDefault();
          const n = name.trim();
          if (!n) return setError("Name the view first");
          const err = await save([...views.filter((v) => v.name !== n), { name: n, query: currentQuery }]);
          if (!err) setName("");
        }}
      >
        <Input
          aria-label="View name"
          placeholder="Name these filters"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="h-8 w-44"
        />
        <Button type="submit" variant="outline" size="sm">
          Save view
        </Button>
      </form>
      <ErrorLine error={error} />
    </div>
  );
}
