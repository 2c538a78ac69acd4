"use client";
import { Download } from "lucide-react";
import { Button } from "./ui/button";
import { CopyButton } from "./copy-button";

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}

/** Read-only YAML with line numbers, a copy button and a download button. */
export function YamlViewer({
  yaml,
  filename,
  label,
  empty = "Nothing reported yet.",
}: {
  yaml: string | null | undefined;
  filename: string;
  label: string;
  empty?: string;
}) {
  if (!yaml) return <p className="text-muted-foreground text-sm">{empty}</p>;
  const lines = yaml.replace(/\n$/, "").split("\n");
  return (
    <div className="grid gap-2" data-testid={`yaml-${filename}`}>
      <div className="flex items-center justify-end gap-2">
        <CopyButton value={yaml} label={`Copy ${label}`} />
        <Button type="button" variant="outline" size="sm" onClick={() => download(filename, yaml)}>
          <Download /> Download
        </Button>
      </div>
      <pre
        aria-label={label}
        className="bg-muted/40 max-h-[32rem] overflow-auto rounded-md border p-3 font-mono text-xs leading-5"
      >
        <code>
          {lines.map((line, i) => (
            <div key={i} className="flex">
              <span aria-hidden className="text-muted-foreground w-10 shrink-0 pr-3 text-right select-none">
                {i + 1}
              </span>
              <span className="whitespace-pre">{line}</span>
            </div>
          ))}
        </code>
      </pre>
    </div>
  );
}
