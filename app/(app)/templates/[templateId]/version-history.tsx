"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { TimeAgo } from "@/app/_components/time-ago";
import { Button } from "@/app/_components/ui/button";
import { Label } from "@/app/_components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import type { Page } from "@/lib/templates/queries";
import type { VersionJson } from "@/lib/templates/shared";
import { DiffView } from "../diff-view";

type Diff = { diff: string; added: number; removed: number };

/** The versions table (paginated through ?vpage=) and a unified diff between any two versions. */
export function VersionHistory({
  templateId,
  latest,
  versions,
}: {
  templateId: string;
  latest: number;
  versions: Page<VersionJson>;
}) {
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
        const res = await fetch(`/api/v1/templates/${templateId}/diff?from=${a}&to=${b}`);
        const body = await res.json();
        if (res.ok) setDiff(body as Diff);
        else setError(body.detail ?? `Could not load the diff (${res.status})`);
      } catch (err) {
        setError(`Could not load the diff: ${(err as Error).message}`);
      } finally {
        setLoading(false);
      }
    },
    [templateId],
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
  return (
    <div className="grid gap-6">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Version</TableHead>
            <TableHead>Message</TableHead>
            <TableHead>Author</TableHead>
            <TableHead>Saved</TableHead>
            <TableHead>SHA-256</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {versions.items.map((v) => (
            <TableRow key={v.id} data-testid="version-row">
              <TableCell className="font-medium">v{v.version}</TableCell>
              <TableCell>{v.message ?? <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell>{v.author ?? <span className="text-muted-foreground">API key</span>}</TableCell>
              <TableCell>
                <TimeAgo at={new Date(v.created_at).toISOString()} />
              </TableCell>
              <TableCell>
                <code className="text-xs" title={v.content_hash}>
                  {v.content_hash.slice(0, 12)}
                </code>
              </TableCell>
              <TableCell className="text-right">
                {v.version > 1 && (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setFrom(v.version - 1);
                      setTo(v.version);
                      void load(v.version - 1, v.version);
                    }}
                  >
                    Changes
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
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
  );
}
