"use client";
import { useEffect, useState } from "react";
import { Field, Radios } from "@/app/_components/form-field";
import { Input } from "@/app/_components/ui/input";
import { previewTargetAction, type PreviewResult } from "../actions";

export type Preview = NonNullable<PreviewResult["data"]>;

type Mode = "selector" | "ids";

const MODES: { value: Mode; label: string }[] = [
  { value: "selector", label: "By tags" },
  { value: "ids", label: "By gateway ids" },
];

/** Target by tag selector or explicit ids, with a live "matches N gateways" preview as it is typed. */
export function TargetFields({ onPreview }: { onPreview: (p: Preview | null) => void }) {
  const [mode, setMode] = useState<Mode>("selector");
  const [selector, setSelector] = useState("");
  const [ids, setIds] = useState("");
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const target = mode === "selector" ? { selector } : { gateway_ids: ids.split(/[\s,]+/).filter(Boolean) };
    const empty = mode === "selector" ? !selector.trim() : target.gateway_ids!.length === 0;
    if (empty) {
      // An emptied target clears the preview at once, not after the debounce.
      setResult(null); // eslint-disable-line react-hooks/set-state-in-effect -- see above
      onPreview(null);
      return;
    }
    let live = true;
    setChecking(true);
    const timer = setTimeout(async () => {
      const r = await previewTargetAction(target);
      if (!live) return;
      setResult(r);
      setChecking(false);
      onPreview(r.ok ? (r.data ?? null) : null);
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [mode, selector, ids, onPreview]);

  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm font-medium">Target</legend>
      <input type="hidden" name="target_mode" value={mode} />
      <div className="flex gap-4 text-sm">
        <Radios options={MODES} value={mode} onChange={setMode} />
      </div>
      {mode === "selector" ? (
        <Field id="selector" label="Selector">
          <Input
            id="selector"
            name="selector"
            placeholder="env=prod,region=eu"
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            className="max-w-md font-mono"
          />
          <p className="text-muted-foreground text-xs">
            Every term must match: <code>key=value</code>, or <code>key</code> alone for &quot;has this tag&quot;.
          </p>
        </Field>
      ) : (
        <Field id="gateway_ids" label="Gateway ids">
          <textarea
            id="gateway_ids"
            name="gateway_ids"
            rows={3}
            value={ids}
            onChange={(e) => setIds(e.target.value)}
            className="border-input max-w-xl rounded-md border bg-transparent p-2 font-mono text-xs"
            placeholder="one id per line, or comma-separated"
          />
        </Field>
      )}
      <div aria-live="polite" className="text-sm" data-testid="target-preview">
        {checking ? (
          <span className="text-muted-foreground">Checking…</span>
        ) : result && !result.ok ? (
          <span className="text-destructive">{result.error}</span>
        ) : result?.data ? (
          <PreviewLine preview={result.data} />
        ) : null}
      </div>
    </fieldset>
  );
}

function PreviewLine({ preview }: { preview: Preview }) {
  if (preview.count === 0) return <span className="text-destructive">Matches no gateways</span>;
  const names = preview.gateways
    .slice(0, 8)
    .map((g) => g.name)
    .join(", ");
  return (
    <span>
      <strong>
        Matches {preview.count} gateway{preview.count === 1 ? "" : "s"}
      </strong>
      <span className="text-muted-foreground">
        : {names}
        {preview.count > 8 ? ", …" : ""}
      </span>
    </span>
  );
}
