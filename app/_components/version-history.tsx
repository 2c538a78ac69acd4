"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { TimeAgo } from "@/app/_components/time-ago";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Label } from "@/app/_components/ui/label";
import { DiffView } from "@/app/(app)/templates/diff-view";
import { SimpleTable, type Column } from "./simple-table";

type Diff = { diff: string; added: number; removed: number };

/** A template version (content_hash) or a transform version (steps_hash). */
export type VersionRow = {
  id: string;
  version: number;
  message: string | null;
  author: string | null;
  created_at: string | Date;
  content_hash?: string;
  steps_hash?: string;
};

const muted = (text: string) => <span className="text-muted-foreground">{text}</span>;

function hashCell(v: VersionRow) {
  const hash = v.content_hash ?? v.steps_hash ?? "";
  return (
    <code className="text-xs" title={hash}>
      {hash.slice(0, 12)}
    </code>
  );
}

/**
 * The "Version history" card of a template or a transform: the versions table (paginated through ?vpage=) and a
 * unified diff between any two versions, read from the item's `diff` route under `api`.
 */
export function VersionHistory({
  api,
  item,
  versions,
}: {
  api: string;
  item: { id: string; latest_version: number };
  versions: { items: VersionRow[]; total: number; page: number; limit: number };
}) {
  const diffUrl = `${api}/${item.id}/diff`;
  const latest = item.latest_version;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (a: number, b: number) => {
      setLoading(true);
      setError(null);
      try {
        const res = await fetch(`${diffUrl}?from=${a}&to=${b}`);
        const body = await res.json();
        if (res.ok) setDiff(body as Diff);
        else setError(body.detail ?? `Could not load the diff (${res.status})`);
      } catch (err) {
        setError(`Could not load the diff: ${(err as Error).message}`);
      } finally {
        setLoading(false);
      }
    },
    [diffUrl],
  );

  useEffect(() => {
    if (latest > 1) void load(Math.max(1, latest - 1), latest);
  }, [latest, load]);

  const numbers = Array.from({ length: latest }, (_, i) => latest - i);
  const pages = Math.ceil(versions.total / versions.limit);
  const select = (id: string, value: number, set: (n: number) => void) => (
    <select
      id={id}
      value={value}
      onChange={(e) => set(Number(e.target.value))}
      className="border-input h-9 rounded-md border bg-transparent px-3 text-sm"
    >
      {numbers.map((n) => (
        <option key={n} value={n}>
          v{n}
        </option>
      ))}
    </select>
  );
  const showChanges = (v: VersionRow) => {
    setFrom(v.version - 1);
    setTo(v.version);
    void load(v.version - 1, v.version);
  };
  const columns: Column<VersionRow>[] = [
    { header: "Version", className: "font-medium", cell: (v) => `v${v.version}` },
    { header: "Message", cell: (v) => v.message ?? muted("—") },
    { header: "Author", cell: (v) => v.author ?? muted("API key") },
    { header: "Saved", cell: (v) => <TimeAgo at={new Date(v.created_at).toISOString()} /> },
    { header: "SHA-256", cell: hashCell },
    {
      className: "text-right",
      cell: (v) =>
        v.version > 1 && (
          <Button variant="ghost" size="sm" onClick={() => showChanges(v)}>
            Changes
          </Button>
        ),
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Version history</CardTitle>
        <CardDescription>Every save is an immutable version. Compare any two.</CardDescription>
      </CardHeader>
      <CardContent>
        <div className="grid gap-6">
          <SimpleTable columns={columns} rows={versions.items} rowKey={(v) => v.id} rowTestId="version-row" />
          {pages > 1 && (
            <nav aria-label="Version pages" className="flex items-center justify-end gap-2 text-sm">
              <span className="text-muted-foreground">
                Page {versions.page} of {pages}
              </span>
              {versions.page > 1 && (
                <Button asChild variant="outline" size="sm">
                  <Link href={`?vpage=${versions.page - 1}`}>Newer</Link>
                </Button>
              )}
              {versions.page < pages && (
                <Button asChild variant="outline" size="sm">
                  <Link href={`?vpage=${versions.page + 1}`}>Older</Link>
                </Button>
              )}
            </nav>
          )}
          <div className="grid gap-3">
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                void load(from, to);
              }}
            >
              <div className="grid gap-2">
                <Label htmlFor="diff-from">From</Label>
                {select("diff-from", from, setFrom)}
              </div>
              <div className="grid gap-2">
                <Label htmlFor="diff-to">To</Label>
                {select("diff-to", to, setTo)}
              </div>
              <Button type="submit" variant="outline" disabled={loading}>
                {loading ? "Loading…" : "Show diff"}
              </Button>
              {diff && !loading && (
                <span className="text-muted-foreground text-sm" data-testid="diff-stats">
                  +{diff.added} −{diff.removed}
                </span>
              )}
            </form>
            {error && (
              <p role="alert" className="text-destructive text-sm">
                {error}
              </p>
            )}
            {latest === 1 ? (
              <p className="text-muted-foreground text-sm">Only one version so far: save a new version to compare.</p>
            ) : (
              diff && <DiffView diff={diff.diff} />
            )}
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
