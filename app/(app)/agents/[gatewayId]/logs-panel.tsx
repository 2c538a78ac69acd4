"use client";
import { useEffect, useRef, useState } from "react";
import { Pause, Play } from "lucide-react";
import { fetchJson } from "@/lib/ui/json";
import { cn } from "@/lib/ui/cn";
import { Button } from "@/app/_components/ui/button";
import { ErrorLine } from "@/app/_components/form-field";

type LogLine = {
  id: number;
  timestamp: string;
  severity: string | null;
  body: string;
  attributes: Record<string, unknown>;
};
type LogsPage = { items: LogLine[]; next_after_id: number };

const POLL_MS = 2000;
const PAGE = 500;
const KEEP = 2000;

const severityClass = (s: string | null) =>
  /ERROR|FATAL/i.test(s ?? "") ? "text-destructive" : /WARN/i.test(s ?? "") ? "text-warning" : "text-muted-foreground";

/**
 * The gateway's own log lines: the tail first, then every new line in order by polling with `after_id`
 * (the route returns the lines right after it). Only the newest KEEP lines stay in the page.
 */
export function LogsPanel({ gatewayId }: { gatewayId: string }) {
  const [lines, setLines] = useState<LogLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [following, setFollowing] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  // The last id seen survives a pause, so following again resumes right after it.
  const lastId = useRef<number | null>(null);

  useEffect(() => {
    if (!following) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const after = lastId.current;
        const url = `/api/v1/gateways/${gatewayId}/logs?limit=${PAGE}${after === null ? "" : `&after_id=${after}`}`;
        const page = await fetchJson<LogsPage>(url);
        if (stopped) return;
        lastId.current = page.next_after_id;
        setLines((prev) => [...(prev ?? []), ...page.items].slice(-KEEP));
        setError(null);
        // A full page means more lines are waiting: fetch them at once.
        timer = setTimeout(poll, page.items.length === PAGE ? 0 : POLL_MS);
      } catch (err) {
        if (stopped) return;
        setError((err as Error).message);
        timer = setTimeout(poll, POLL_MS * 2);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [following, gatewayId]);

  useEffect(() => {
    if (following && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, following]);

  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between">
        <span className="text-muted-foreground text-sm" role="status">
          {lines === null ? "Loading…" : `${lines.length} lines${following ? " · following" : " · paused"}`}
        </span>
        <Button variant="outline" size="sm" onClick={() => setFollowing(!following)}>
          {following ? (
            <>
              <Pause /> Pause
            </>
          ) : (
            <>
              <Play /> Follow
            </>
          )}
        </Button>
      </div>
      <ErrorLine error={error} />
      <div
        ref={box}
        className="bg-muted/40 h-[28rem] overflow-auto rounded-md border p-2 font-mono text-xs leading-5"
        data-testid="logs"
      >
        {lines?.length === 0 && (
          <p className="text-muted-foreground p-2">
            No log lines yet. New lines appear here as the gateway sends them.
          </p>
        )}
        {lines?.map((l) => (
          <div key={l.id} className="flex gap-3 whitespace-pre-wrap" data-testid="log-line">
            <span className="text-muted-foreground shrink-0">{l.timestamp.slice(11, 23)}</span>
            <span className={cn("w-12 shrink-0", severityClass(l.severity))}>{l.severity ?? ""}</span>
            <span className="min-w-0 break-words">{l.body}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
