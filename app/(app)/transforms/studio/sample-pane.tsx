"use client";
import { useRef, useState, type ReactNode } from "react";
import { Upload } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { Label } from "@/app/_components/ui/label";

/** Uploads above this are refused in the browser; the server refuses them too. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const placeholders: Record<string, string> = {
  logs: "One log line per line, JSON objects per line, or an OTLP/JSON export",
  metrics: "An OTLP/JSON metrics export, or JSON data points one per line",
  traces: "An OTLP/JSON traces export, or JSON spans one per line",
};

/**
 * Where the sample records come from: pasted text, an uploaded OTLP/JSON file, or (through `extra`) a stored or
 * captured sample. The parsed summary or the parse error is shown under the text.
 */
export function SamplePane({
  signal,
  text,
  onText,
  summary,
  error,
  extra,
}: {
  signal: string;
  text: string;
  onText: (text: string, source: string) => void;
  summary: string | null;
  error: string | null;
  extra?: ReactNode;
}) {
  const file = useRef<HTMLInputElement>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const large = text.length > 200_000;
  return (
    <section aria-label="Samples" className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <Label htmlFor="sample-text" className="flex-1">
          Sample records
        </Label>
        <input
          ref={file}
          type="file"
          accept=".json,application/json,.txt,.log"
          className="hidden"
          aria-label="Upload an OTLP/JSON file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (!f) return;
            if (f.size > MAX_UPLOAD_BYTES)
              return setUploadError(
                `${f.name} is ${(f.size / 1024 / 1024).toFixed(1)} MiB; samples are limited to 10 MiB.`,
              );
            setUploadError(null);
            onText(await f.text(), f.name);
          }}
        />
        <Button type="button" variant="outline" size="sm" onClick={() => file.current?.click()}>
          <Upload /> Upload file
        </Button>
        {extra}
        {text && (
          <Button type="button" variant="ghost" size="sm" onClick={() => onText("", "")}>
            Clear
          </Button>
        )}
      </div>
      {large ? (
        // A multi-megabyte textarea makes typing sluggish; big samples are shown as a summary instead.
        <p className="bg-muted/40 text-muted-foreground rounded-md border p-3 text-xs" data-testid="sample-large">
          {(text.length / 1024).toFixed(0)} KiB of sample text loaded. Clear it to paste something else.
        </p>
      ) : (
        <textarea
          id="sample-text"
          value={text}
          onChange={(e) => onText(e.target.value, "pasted")}
          rows={8}
          spellCheck={false}
          placeholder={placeholders[signal]}
          className="border-input rounded-md border bg-transparent p-2 font-mono text-xs"
        />
      )}
      {(error || uploadError) && (
        <p role="alert" className="text-destructive text-xs" data-testid="sample-error">
          {uploadError ?? error}
        </p>
      )}
      {!error && !uploadError && summary && (
        <p className="text-muted-foreground text-xs" data-testid="sample-summary">
          {summary}
        </p>
      )}
    </section>
  );
}
